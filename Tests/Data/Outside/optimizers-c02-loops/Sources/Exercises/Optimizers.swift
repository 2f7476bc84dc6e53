import Curriculum
import Foundation
import TensorKit

/// The six update rules as explicit loops over the elements. Nesterov uses the
/// equivalent form  w̃' = w̃ + μ·v' − lr·dw.
public struct Optimizers: UpdateRules {
    public init() {}

    private func elementwise(_ w: Tensor, _ body: (Int) -> Double) -> Tensor {
        Tensor(shape: w.shape, scalars: (0..<w.count).map(body))
    }

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        let lr = state.learningRate
        return elementwise(w) { w.scalars[$0] - lr * dw.scalars[$0] }
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var v = state.velocity?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        for i in 0..<w.count {
            v[i] = state.momentum * v[i] - state.learningRate * dw.scalars[i]
            out[i] += v[i]
        }
        state.velocity = Tensor(shape: w.shape, scalars: v)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var v = state.velocity?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        for i in 0..<w.count {
            let step = state.learningRate * dw.scalars[i]
            v[i] = state.momentum * v[i] - step
            out[i] += state.momentum * v[i] - step
        }
        state.velocity = Tensor(shape: w.shape, scalars: v)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        var cache = state.cache?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        for i in 0..<w.count {
            let g = dw.scalars[i]
            cache[i] += g * g
            out[i] -= state.learningRate * g / (cache[i].squareRoot() + state.eps)
        }
        state.cache = Tensor(shape: w.shape, scalars: cache)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        var cache = state.cache?.scalars ?? [Double](repeating: 0, count: w.count)
        var out = w.scalars
        for i in 0..<w.count {
            let g = dw.scalars[i]
            cache[i] = state.decayRate * cache[i] + (1 - state.decayRate) * g * g
            out[i] -= state.learningRate * g / (cache[i].squareRoot() + state.eps)
        }
        state.cache = Tensor(shape: w.shape, scalars: cache)
        return Tensor(shape: w.shape, scalars: out)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        let zeros = [Double](repeating: 0, count: w.count)
        var m = state.m?.scalars ?? zeros
        var v = state.v?.scalars ?? zeros
        var out = w.scalars
        let t = state.t + 1
        let c1 = 1 - Foundation.pow(state.beta1, Double(t))
        let c2 = 1 - Foundation.pow(state.beta2, Double(t))
        for i in 0..<w.count {
            let g = dw.scalars[i]
            m[i] = state.beta1 * m[i] + (1 - state.beta1) * g
            v[i] = state.beta2 * v[i] + (1 - state.beta2) * g * g
            out[i] -= state.learningRate * (m[i] / c1) / ((v[i] / c2).squareRoot() + state.eps)
        }
        state.m = Tensor(shape: w.shape, scalars: m)
        state.v = Tensor(shape: w.shape, scalars: v)
        state.t = t
        return Tensor(shape: w.shape, scalars: out)
    }
}
