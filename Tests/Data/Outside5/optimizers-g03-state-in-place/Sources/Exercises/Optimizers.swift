import Curriculum
import Foundation
import TensorKit

/// Update rules that create the accumulators first, then update the state's fields in place.
public struct Optimizers: UpdateRules {
    public init() {}

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        w + (-state.learningRate) * dw
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        if state.velocity == nil { state.velocity = Tensor.zeros(like: w) }
        state.velocity = state.momentum * state.velocity! - state.learningRate * dw
        return w + state.velocity!
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        if state.velocity == nil { state.velocity = Tensor.zeros(like: w) }
        let old = state.velocity!
        state.velocity = state.momentum * old - state.learningRate * dw
        return w - state.momentum * old + (1 + state.momentum) * state.velocity!
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        if state.cache == nil { state.cache = Tensor.zeros(like: w) }
        state.cache! += dw * dw
        return w - state.learningRate * dw / (sqrt(state.cache!) + state.eps)
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        if state.cache == nil { state.cache = Tensor.zeros(like: w) }
        state.cache = state.cache! + (1 - state.decayRate) * (dw * dw - state.cache!)
        return w - state.learningRate * dw / (sqrt(state.cache!) + state.eps)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        if state.m == nil { state.m = Tensor.zeros(like: w) }
        if state.v == nil { state.v = Tensor.zeros(like: w) }
        state.t += 1
        state.m = state.m! + (1 - state.beta1) * (dw - state.m!)
        state.v = state.v! + (1 - state.beta2) * (dw * dw - state.v!)
        let t = Double(state.t)
        let mHat = state.m! / (1 - pow(state.beta1, t))
        let vHat = state.v! / (1 - pow(state.beta2, t))
        return w - state.learningRate * mHat / (sqrt(vHat) + state.eps)
    }
}
