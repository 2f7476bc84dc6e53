import Curriculum
import Foundation
import TensorKit

/// The six update rules, vectorised over tensors.
public struct Optimizers: UpdateRules {
    public init() {}

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        w - state.learningRate * dw
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let previous = state.velocity ?? Tensor.zeros(like: w)
        let velocity = state.momentum * previous - state.learningRate * dw
        state.velocity = velocity
        return w + velocity
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let mu = state.momentum
        let vPrev = state.velocity ?? Tensor.zeros(like: w)
        let vNew = mu * vPrev - state.learningRate * dw
        state.velocity = vNew
        return w + mu * vPrev + (1 + mu) * vNew
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        let sumOfSquares = (state.cache ?? Tensor.zeros(like: w)) + dw * dw
        state.cache = sumOfSquares
        return w - state.learningRate * dw / (sqrt(sumOfSquares) + state.eps)
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        let rho = state.decayRate
        let old = state.cache ?? Tensor.zeros(like: w)
        let average = rho * old + (1 - rho) * (dw * dw)
        state.cache = average
        return w - state.learningRate * dw / (sqrt(average) + state.eps)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        state.t += 1
        let t = Double(state.t)
        let m = state.beta1 * (state.m ?? Tensor.zeros(like: w)) + (1 - state.beta1) * dw
        let v = state.beta2 * (state.v ?? Tensor.zeros(like: w)) + (1 - state.beta2) * (dw * dw)
        let mHat = m / (1 - pow(state.beta1, t))
        let vHat = v / (1 - pow(state.beta2, t))
        state.m = m
        state.v = v
        return w - state.learningRate * mHat / (sqrt(vHat) + state.eps)
    }
}
