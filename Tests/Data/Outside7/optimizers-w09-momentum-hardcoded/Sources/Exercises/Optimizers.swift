import Curriculum
import Foundation
import TensorKit

/// The six update rules element by element over the scalars, accumulators kept as arrays.
public struct Optimizers: UpdateRules {
    public init() {}

    private func accumulator(_ stored: Tensor?, like w: Tensor) -> [Double] {
        stored?.scalars ?? [Double](repeating: 0, count: w.count)
    }

    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        var next = w.scalars
        for i in next.indices {
            next[i] -= state.learningRate * dw.scalars[i]
        }
        return Tensor(shape: w.shape, scalars: next)
    }

    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var velocity = accumulator(state.velocity, like: w)
        var next = w.scalars
        for i in next.indices {
            velocity[i] = 0.9 * velocity[i] - state.learningRate * dw.scalars[i]
            next[i] += velocity[i]
        }
        state.velocity = Tensor(shape: w.shape, scalars: velocity)
        return Tensor(shape: w.shape, scalars: next)
    }

    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        var velocity = accumulator(state.velocity, like: w)
        var next = w.scalars
        for i in next.indices {
            let previous = velocity[i]
            velocity[i] = 0.9 * previous - state.learningRate * dw.scalars[i]
            // look-ahead point moves by v + μ·(v − v_prev)
            next[i] += velocity[i] + 0.9 * (velocity[i] - previous)
        }
        state.velocity = Tensor(shape: w.shape, scalars: velocity)
        return Tensor(shape: w.shape, scalars: next)
    }

    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        var squares = accumulator(state.cache, like: w)
        var next = w.scalars
        for i in next.indices {
            let g = dw.scalars[i]
            squares[i] += g * g
            next[i] -= state.learningRate * g / (squares[i].squareRoot() + state.eps)
        }
        state.cache = Tensor(shape: w.shape, scalars: squares)
        return Tensor(shape: w.shape, scalars: next)
    }

    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        var average = accumulator(state.cache, like: w)
        var next = w.scalars
        let decay = state.decayRate
        for i in next.indices {
            let g = dw.scalars[i]
            average[i] = decay * average[i] + (1 - decay) * g * g
            next[i] -= state.learningRate * g / (average[i].squareRoot() + state.eps)
        }
        state.cache = Tensor(shape: w.shape, scalars: average)
        return Tensor(shape: w.shape, scalars: next)
    }

    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        var m = accumulator(state.m, like: w)
        var v = accumulator(state.v, like: w)
        let t = state.t + 1
        let correction1 = 1 - pow(state.beta1, Double(t))
        let correction2 = 1 - pow(state.beta2, Double(t))
        var next = w.scalars
        for i in next.indices {
            let g = dw.scalars[i]
            m[i] = state.beta1 * m[i] + (1 - state.beta1) * g
            v[i] = state.beta2 * v[i] + (1 - state.beta2) * g * g
            let mHat = m[i] / correction1
            let vHat = v[i] / correction2
            next[i] -= state.learningRate * mHat / (vHat.squareRoot() + state.eps)
        }
        state.m = Tensor(shape: w.shape, scalars: m)
        state.v = Tensor(shape: w.shape, scalars: v)
        state.t = t
        return Tensor(shape: w.shape, scalars: next)
    }
}
