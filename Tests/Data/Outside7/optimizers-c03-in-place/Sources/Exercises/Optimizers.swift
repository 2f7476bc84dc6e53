import Curriculum
import Foundation
import TensorKit

/// Update rules that update the accumulators in place on the state (`state.x! += …`), with
/// Adam's corrections folded into the step size.
public struct Optimizers: UpdateRules {
    public init() {}

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        var next = w
        next -= state.learningRate * dw
        return next
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        if state.velocity == nil { state.velocity = Tensor.zeros(like: w) }
        state.velocity! *= state.momentum
        state.velocity! -= state.learningRate * dw
        return w + state.velocity!
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        if state.velocity == nil { state.velocity = Tensor.zeros(like: w) }
        let previous = state.velocity!
        state.velocity! *= state.momentum
        state.velocity! -= state.learningRate * dw
        return w - state.momentum * previous + (1 + state.momentum) * state.velocity!
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        if state.cache == nil { state.cache = Tensor.zeros(like: w) }
        state.cache! += dw * dw
        return w - state.learningRate * dw / (sqrt(state.cache!) + state.eps)
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        if state.cache == nil { state.cache = Tensor.zeros(like: w) }
        state.cache! *= state.decayRate
        state.cache! += (1 - state.decayRate) * (dw * dw)
        return w - state.learningRate * dw / (sqrt(state.cache!) + state.eps)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        if state.m == nil { state.m = Tensor.zeros(like: w) }
        if state.v == nil { state.v = Tensor.zeros(like: w) }
        state.t += 1
        state.m! *= state.beta1
        state.m! += (1 - state.beta1) * dw
        state.v! *= state.beta2
        state.v! += (1 - state.beta2) * (dw * dw)
        let c1 = 1 - pow(state.beta1, Double(state.t))
        let c2 = 1 - pow(state.beta2, Double(state.t))
        // m̂ / (√v̂ + eps) = (m / c1) / (√v / √c2 + eps)
        let step = (state.m! / c1) / (sqrt(state.v!) / c2.squareRoot() + state.eps)
        return w - state.learningRate * step
    }
}
