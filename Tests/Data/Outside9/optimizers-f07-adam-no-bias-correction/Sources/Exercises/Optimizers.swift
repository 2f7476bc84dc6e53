import Curriculum
import Foundation
import TensorKit

/// Optimizers element by element over the scalars.
public struct Optimizers: UpdateRules {
    public init() {}

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        let lr = state.learningRate
        let out = zip(w.scalars, dw.scalars).map { $0 - lr * $1 }
        return Tensor(shape: w.shape, scalars: out)
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var v = state.velocity?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        for i in 0..<out.count {
            v[i] = state.momentum * v[i] - state.learningRate * dw.scalars[i]
            out[i] += v[i]
        }
        state.velocity = Tensor(shape: w.shape, scalars: v)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var v = state.velocity?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        let mu = state.momentum
        for i in 0..<out.count {
            let prev = v[i]
            v[i] = mu * prev - state.learningRate * dw.scalars[i]
            out[i] += v[i] + mu * (v[i] - prev)
        }
        state.velocity = Tensor(shape: w.shape, scalars: v)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        var c = state.cache?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        for i in 0..<out.count {
            let g = dw.scalars[i]
            c[i] += g * g
            out[i] -= state.learningRate * g / (c[i].squareRoot() + state.eps)
        }
        state.cache = Tensor(shape: w.shape, scalars: c)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        var c = state.cache?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        let rho = state.decayRate
        for i in 0..<out.count {
            let g = dw.scalars[i]
            c[i] = rho * c[i] + (1 - rho) * g * g
            out[i] -= state.learningRate * g / (c[i].squareRoot() + state.eps)
        }
        state.cache = Tensor(shape: w.shape, scalars: c)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        let n = w.count
        var m = state.m?.scalars ?? [Double](repeating: 0, count: n)
        var v = state.v?.scalars ?? [Double](repeating: 0, count: n)
        state.t += 1
        let c1 = 1 - pow(state.beta1, Double(state.t))
        let c2 = 1 - pow(state.beta2, Double(state.t))
        var out = w.scalars
        for i in 0..<n {
            let g = dw.scalars[i]
            m[i] = state.beta1 * m[i] + (1 - state.beta1) * g
            v[i] = state.beta2 * v[i] + (1 - state.beta2) * g * g
            out[i] -= state.learningRate * m[i] / (v[i].squareRoot() + state.eps)
        }
        state.m = Tensor(shape: w.shape, scalars: m)
        state.v = Tensor(shape: w.shape, scalars: v)
        return Tensor(shape: w.shape, scalars: out)
    }
}
