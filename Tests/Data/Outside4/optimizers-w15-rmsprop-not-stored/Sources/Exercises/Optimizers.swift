import Curriculum
import Foundation
import TensorKit

/// Exercise `optimizers`, written with in-place updates and local copies of the
/// hyper-parameters.
public struct Optimizers: UpdateRules {
    public init() {}

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        var next = w
        next -= dw * state.learningRate
        return next
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let lr = state.learningRate, mu = state.momentum
        var v = state.velocity ?? Tensor.zeros(like: w)
        v *= mu
        v -= lr * dw
        state.velocity = v
        var next = w
        next += v
        return next
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let lr = state.learningRate, mu = state.momentum
        let vPrev = state.velocity ?? Tensor.zeros(like: w)
        var v = vPrev * mu
        v -= lr * dw
        state.velocity = v
        // x_ahead' = x_ahead + v + mu * (v - v_prev)
        return w + v + mu * (v - vPrev)
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        var cache = state.cache ?? Tensor.zeros(like: w)
        cache += pow(dw, 2)
        state.cache = cache
        var next = w
        next -= state.learningRate * dw / (cache.map { $0.squareRoot() } + state.eps)
        return next
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        let rho = state.decayRate
        var cache = state.cache ?? Tensor.zeros(like: w)
        cache *= rho
        cache += (1 - rho) * pow(dw, 2)
        let step = state.learningRate * dw / (sqrt(cache) + state.eps)
        return w - step
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        let b1 = state.beta1, b2 = state.beta2
        var m = state.m ?? Tensor.zeros(like: w)
        var v = state.v ?? Tensor.zeros(like: w)
        let t = state.t + 1
        m = b1 * m + (1 - b1) * dw
        v = b2 * v + (1 - b2) * pow(dw, 2)
        state.m = m
        state.v = v
        state.t = t
        let correction1 = 1 - pow(b1, Double(t))
        let correction2 = 1 - pow(b2, Double(t))
        let stepSize = state.learningRate * correction2.squareRoot() / correction1
        // Equivalent to lr * mHat / (sqrt(vHat) + eps) with eps scaled to match.
        let denominator = sqrt(v) + state.eps * correction2.squareRoot()
        return w - stepSize * m / denominator
    }
}
