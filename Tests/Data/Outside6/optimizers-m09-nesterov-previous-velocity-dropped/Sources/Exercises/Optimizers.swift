import Curriculum
import Foundation
import TensorKit

/// The update rules one element at a time over the raw numbers. Nesterov in the form
/// `w + v + μ(v − v_prev)`; Adam with the bias corrections folded into the step size
/// (and eps scaled to match, so it is the same update).
public struct Optimizers: UpdateRules {
    public init() {}

    private func values(_ t: Tensor?, count: Int) -> [Double] {
        t?.scalars ?? [Double](repeating: 0, count: count)
    }

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        var out = w.scalars
        let g = dw.scalars
        for i in out.indices { out[i] -= state.learningRate * g[i] }
        return Tensor(shape: w.shape, scalars: out)
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var out = w.scalars
        let g = dw.scalars
        var v = values(state.velocity, count: out.count)
        for i in out.indices {
            v[i] = state.momentum * v[i] - state.learningRate * g[i]
            out[i] += v[i]
        }
        state.velocity = Tensor(shape: w.shape, scalars: v)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var out = w.scalars
        let g = dw.scalars
        var v = values(state.velocity, count: out.count)
        let mu = state.momentum
        for i in out.indices {
            let previous = v[i]
            v[i] = mu * previous - state.learningRate * g[i]
            out[i] += v[i] + mu * v[i]
        }
        state.velocity = Tensor(shape: w.shape, scalars: v)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        var out = w.scalars
        let g = dw.scalars
        var cache = values(state.cache, count: out.count)
        for i in out.indices {
            cache[i] += g[i] * g[i]
            out[i] -= state.learningRate * g[i] / (cache[i].squareRoot() + state.eps)
        }
        state.cache = Tensor(shape: w.shape, scalars: cache)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        var out = w.scalars
        let g = dw.scalars
        var cache = values(state.cache, count: out.count)
        let rho = state.decayRate
        for i in out.indices {
            cache[i] = rho * cache[i] + (1 - rho) * g[i] * g[i]
            out[i] -= state.learningRate * g[i] / (cache[i].squareRoot() + state.eps)
        }
        state.cache = Tensor(shape: w.shape, scalars: cache)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        var out = w.scalars
        let g = dw.scalars
        var m = values(state.m, count: out.count)
        var v = values(state.v, count: out.count)
        let t = state.t + 1
        let (b1, b2) = (state.beta1, state.beta2)
        let correction2 = (1 - pow(b2, Double(t))).squareRoot()
        let stepSize = state.learningRate * correction2 / (1 - pow(b1, Double(t)))
        let epsHat = state.eps * correction2
        for i in out.indices {
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
            out[i] -= stepSize * m[i] / (v[i].squareRoot() + epsHat)
        }
        state.t = t
        state.m = Tensor(shape: w.shape, scalars: m)
        state.v = Tensor(shape: w.shape, scalars: v)
        return Tensor(shape: w.shape, scalars: out)
    }
}
