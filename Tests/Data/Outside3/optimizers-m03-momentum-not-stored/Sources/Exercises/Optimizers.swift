import Curriculum
import Foundation
import TensorKit

// Every accumulator is read into a local var, updated in place, and stored back.
public struct Optimizers: UpdateRules {
    public init() {}

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        var next = w
        next -= dw * state.learningRate
        return next
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var velocity = state.velocity ?? .zeros(w.shape)
        velocity *= state.momentum
        velocity -= dw * state.learningRate
        return w + velocity
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let mu = state.momentum
        let previous = state.velocity ?? .zeros(w.shape)
        var velocity = previous * mu
        velocity -= dw * state.learningRate
        state.velocity = velocity
        // w̃' = w̃ + v + μ (v − v_prev)
        return w + velocity + mu * (velocity - previous)
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        var sumOfSquares = state.cache ?? .zeros(w.shape)
        sumOfSquares += pow(dw, 2)
        state.cache = sumOfSquares
        let step = dw / (sqrt(sumOfSquares) + state.eps)
        return w - step * state.learningRate
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        let rho = state.decayRate
        var average = state.cache ?? .zeros(w.shape)
        average = rho * average + (1 - rho) * pow(dw, 2)
        state.cache = average
        let denominator = sqrt(average) + state.eps
        return w - state.learningRate * (dw / denominator)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        let t = state.t + 1
        var m = state.m ?? .zeros(w.shape)
        var v = state.v ?? .zeros(w.shape)
        m = state.beta1 * m + (1 - state.beta1) * dw
        v = state.beta2 * v + (1 - state.beta2) * pow(dw, 2)
        let correction1 = 1 - pow(state.beta1, Double(t))
        let correction2 = 1 - pow(state.beta2, Double(t))
        let mHat = m / correction1
        let vHat = v / correction2
        state.m = m
        state.v = v
        state.t = t
        return w - state.learningRate * mHat / (sqrt(vHat) + state.eps)
    }
}
