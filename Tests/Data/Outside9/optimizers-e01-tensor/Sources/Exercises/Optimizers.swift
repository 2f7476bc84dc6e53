import Curriculum
import Foundation
import TensorKit

/// Optimizers as tensor formulas.
public struct Optimizers: UpdateRules {
    public init() {}

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        w - state.learningRate * dw
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let v0 = state.velocity ?? Tensor.zeros(like: w)
        let v = state.momentum * v0 - state.learningRate * dw
        state.velocity = v
        return w + v
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let vPrev = state.velocity ?? Tensor.zeros(like: w)
        let v = state.momentum * vPrev - state.learningRate * dw
        state.velocity = v
        return w - state.momentum * vPrev + (1 + state.momentum) * v
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        let cache = (state.cache ?? Tensor.zeros(like: w)) + dw * dw
        state.cache = cache
        return w - state.learningRate * dw / (sqrt(cache) + state.eps)
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        let old = state.cache ?? Tensor.zeros(like: w)
        let cache = state.decayRate * old + (1 - state.decayRate) * (dw * dw)
        state.cache = cache
        return w - state.learningRate * dw / (sqrt(cache) + state.eps)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        state.t += 1
        let t = Double(state.t)
        let m = state.beta1 * (state.m ?? Tensor.zeros(like: w)) + (1 - state.beta1) * dw
        let v = state.beta2 * (state.v ?? Tensor.zeros(like: w)) + (1 - state.beta2) * (dw * dw)
        state.m = m
        state.v = v
        let mHat = m / (1 - pow(state.beta1, t))
        let vHat = v / (1 - pow(state.beta2, t))
        return w - state.learningRate * mHat / (sqrt(vHat) + state.eps)
    }
}
