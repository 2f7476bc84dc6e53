import Curriculum
import Foundation
import TensorKit

/// Exercise `optimizers`, written step by step with `var`s and compound assignment.
public struct Optimizers: UpdateRules {
    public init() {}

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        var next = w
        next -= dw * state.learningRate
        return next
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var velocity = state.velocity ?? Tensor.zeros(w.shape)
        velocity *= state.momentum
        velocity -= dw * state.learningRate
        state.velocity = velocity
        var next = w
        next += velocity
        return next
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let mu = state.momentum
        let previous = state.velocity ?? Tensor.zeros(w.shape)
        let velocity = previous * mu - dw * state.learningRate
        state.velocity = velocity
        // w̃_new = w̃ + v + μ (v − v_prev)
        return w + velocity + (velocity + previous) * mu
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        let squares = (state.cache ?? Tensor.zeros(w.shape)) + pow(dw, 2)
        state.cache = squares
        let step = dw / (sqrt(squares) + state.eps)
        return w - step * state.learningRate
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        let rho = state.decayRate
        var average = state.cache ?? Tensor.zeros(w.shape)
        average = average * rho + pow(dw, 2) * (1 - rho)
        state.cache = average
        let step = dw / (sqrt(average) + state.eps)
        return w - step * state.learningRate
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        let t = state.t + 1
        var m = state.m ?? Tensor.zeros(w.shape)
        var v = state.v ?? Tensor.zeros(w.shape)
        m = m * state.beta1 + dw * (1 - state.beta1)
        v = v * state.beta2 + pow(dw, 2) * (1 - state.beta2)
        let correction1 = 1 - pow(state.beta1, Double(t))
        let correction2 = 1 - pow(state.beta2, Double(t))
        let mHat = m / correction1
        let vHat = v / correction2
        state.m = m
        state.v = v
        state.t = t
        return w - (mHat / (sqrt(vHat) + state.eps)) * state.learningRate
    }
}
