import Curriculum
import Foundation
import TensorKit

// Update rules written step by step with local copies of the hyper-parameters.
public struct Optimizers: UpdateRules {
    public init() {}

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        var next = w
        next -= dw * state.learningRate
        return next
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let lr = state.learningRate
        let mu = state.momentum
        var velocity = Tensor.zeros(w.shape)
        velocity *= mu
        velocity -= lr * dw
        state.velocity = velocity
        var next = w
        next += velocity
        return next
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let lr = state.learningRate
        let mu = state.momentum
        let previous = state.velocity ?? .zeros(w.shape)
        let velocity = mu * previous - lr * dw
        state.velocity = velocity
        // w̃ + v + μ (v − v_prev)
        return w + velocity + mu * (velocity - previous)
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        var sumSquares = state.cache ?? .zeros(w.shape)
        sumSquares += pow(dw, 2)
        state.cache = sumSquares
        let step = dw / (sqrt(sumSquares) + state.eps)
        return w - step * state.learningRate
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        let rho = state.decayRate
        var average = state.cache ?? .zeros(w.shape)
        average = average * rho + pow(dw, 2) * (1 - rho)
        state.cache = average
        let denominator = sqrt(average) + state.eps
        return w - state.learningRate * (dw / denominator)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        let (b1, b2) = (state.beta1, state.beta2)
        let t = state.t + 1
        var m = state.m ?? .zeros(w.shape)
        var v = state.v ?? .zeros(w.shape)
        m = b1 * m + (1 - b1) * dw
        v = b2 * v + (1 - b2) * pow(dw, 2)
        let correction1 = 1 - pow(b1, Double(t))
        let correction2 = 1 - pow(b2, Double(t))
        let mt = m / correction1
        let vt = v / correction2
        state.m = m
        state.v = v
        state.t = t
        return w - state.learningRate * mt / (sqrt(vt) + state.eps)
    }
}
