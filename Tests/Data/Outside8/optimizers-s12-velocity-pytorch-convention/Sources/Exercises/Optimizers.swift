import Curriculum
import Foundation
import TensorKit

/// The six update rules element by element over the scalars.
public struct Optimizers: UpdateRules {
    public init() {}

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        var out = w.scalars
        let g = dw.scalars
        for i in out.indices {
            out[i] -= state.learningRate * g[i]
        }
        return Tensor(shape: w.shape, scalars: out)
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var v = state.velocity?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        let g = dw.scalars
        for i in out.indices {
            v[i] = state.momentum * v[i] + g[i]
            out[i] -= state.learningRate * v[i]
        }
        state.velocity = Tensor(shape: w.shape, scalars: v)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var v = state.velocity?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        let g = dw.scalars
        let mu = state.momentum
        for i in out.indices {
            let previous = v[i]
            v[i] = mu * previous - state.learningRate * g[i]
            out[i] += v[i] + mu * (v[i] - previous)
        }
        state.velocity = Tensor(shape: w.shape, scalars: v)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        var cache = state.cache?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        let g = dw.scalars
        for i in out.indices {
            cache[i] += g[i] * g[i]
            out[i] -= state.learningRate * g[i] / (cache[i].squareRoot() + state.eps)
        }
        state.cache = Tensor(shape: w.shape, scalars: cache)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        var cache = state.cache?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        let g = dw.scalars
        let rho = state.decayRate
        for i in out.indices {
            cache[i] = rho * cache[i] + (1 - rho) * g[i] * g[i]
            out[i] -= state.learningRate * g[i] / (cache[i].squareRoot() + state.eps)
        }
        state.cache = Tensor(shape: w.shape, scalars: cache)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        var m = state.m?.scalars ?? [Double](repeating: 0, count: w.count)
        var v = state.v?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        let g = dw.scalars
        let t = state.t + 1
        let c1 = 1 - pow(state.beta1, Double(t))
        let c2 = 1 - pow(state.beta2, Double(t))
        for i in out.indices {
            m[i] = state.beta1 * m[i] + (1 - state.beta1) * g[i]
            v[i] = state.beta2 * v[i] + (1 - state.beta2) * g[i] * g[i]
            let mHat = m[i] / c1
            let vHat = v[i] / c2
            out[i] -= state.learningRate * mHat / (vHat.squareRoot() + state.eps)
        }
        state.t = t
        state.m = Tensor(shape: w.shape, scalars: m)
        state.v = Tensor(shape: w.shape, scalars: v)
        return Tensor(shape: w.shape, scalars: out)
    }
}
