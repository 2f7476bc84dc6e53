import Curriculum
import Foundation
import TensorKit

/// The reference update rules. Each one reads the hyper-parameters from its state,
/// creates missing accumulators as zeros in the weights' shape, and returns the new
/// weights.
public struct Optimizers: UpdateRules {
    public init() {}

    /// `w − lr · dw`: a step straight down the gradient.
    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        w - state.learningRate * dw
    }

    /// The velocity remembers past steps, `v = μ·v − lr·dw`, and the weights move by
    /// it: `w + v`. Consistent gradients add up; gradients that flip sign cancel.
    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let velocity = state.momentum * (state.velocity ?? .zeros(like: w)) - state.learningRate * dw
        state.velocity = velocity
        return w + velocity
    }

    /// Nesterov momentum, written (as the course does) in terms of the weights the
    /// caller holds: `v' = μ·v − lr·dw`, then `w − μ·v + (1 + μ)·v'`.
    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let previous = state.velocity ?? .zeros(like: w)
        let velocity = state.momentum * previous - state.learningRate * dw
        state.velocity = velocity
        return w - state.momentum * previous + (1 + state.momentum) * velocity
    }

    /// Each weight's step is divided by the root of the sum of all its squared
    /// gradients so far, so weights with steep histories take ever smaller steps.
    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        let cache = (state.cache ?? .zeros(like: w)) + dw * dw
        state.cache = cache
        return w - state.learningRate * dw / (sqrt(cache) + state.eps)
    }

    /// AdaGrad with a decaying average of squared gradients instead of their sum, so
    /// the step size does not shrink toward zero.
    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        let cache = state.decayRate * (state.cache ?? .zeros(like: w))
            + (1 - state.decayRate) * dw * dw
        state.cache = cache
        return w - state.learningRate * dw / (sqrt(cache) + state.eps)
    }

    /// Momentum (the first moment `m`) and RMSProp (the second moment `v`) together,
    /// each divided by `1 − β^t` to undo its bias toward the zeros it started from.
    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        state.t += 1
        let m = state.beta1 * (state.m ?? .zeros(like: w)) + (1 - state.beta1) * dw
        let v = state.beta2 * (state.v ?? .zeros(like: w)) + (1 - state.beta2) * dw * dw
        state.m = m
        state.v = v
        let t = Double(state.t)
        let mHat = m / (1 - Foundation.pow(state.beta1, t))
        let vHat = v / (1 - Foundation.pow(state.beta2, t))
        return w - state.learningRate * mHat / (sqrt(vHat) + state.eps)
    }
}
