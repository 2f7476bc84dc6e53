import Curriculum
import Foundation
import TensorKit

/// The update rules with accumulators updated in place (`c += (1 − ρ)(g² − c)` for the
/// moving averages, equal to `ρc + (1 − ρ)g²` up to rounding); Nesterov as the
/// look-ahead step `v + μ(v − v_prev)`.
public struct Optimizers: UpdateRules {
    public init() {}

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        var updated = w
        updated -= state.learningRate * dw
        return updated
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var velocity = state.velocity ?? .zeros(like: w)
        velocity *= state.momentum
        velocity -= state.learningRate * dw
        state.velocity = velocity
        return w + velocity
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let previous = state.velocity ?? .zeros(like: w)
        var velocity = previous
        velocity *= state.momentum
        velocity -= state.learningRate * dw
        state.velocity = velocity
        let lookAheadStep = velocity + state.momentum * (velocity - previous)
        return w + lookAheadStep
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        var squares = state.cache ?? .zeros(like: w)
        squares += dw * dw
        state.cache = squares
        return w - state.learningRate * dw / (sqrt(squares) + state.eps)
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        var average = state.cache ?? .zeros(like: w)
        average += (1 - state.decayRate) * (dw * dw - average)
        state.cache = average
        return w - state.learningRate * dw / (sqrt(average) + state.eps)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        state.t += 1
        var m = state.m ?? .zeros(like: w)
        var v = state.v ?? .zeros(like: w)
        m += (1 - state.beta1) * (dw - m)
        v += (1 - state.beta2) * (dw * dw - v)
        state.m = m
        state.v = v
        let t = Double(state.t)
        let step = (m / (1 - pow(state.beta1, t))) / (sqrt(v / (1 - pow(state.beta2, t))) + state.eps)
        return w - state.learningRate * step
    }
}
