import Curriculum
import TensorKit

/// Batch norm whose cache keeps only the inputs; the backward passes recompute the rest.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        let x: Tensor
        let gamma: Tensor
        let eps: Double
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let d = x.shape[1]
        var mean = state.runningMean ?? Tensor.zeros([d])
        var variance = state.runningVariance ?? Tensor.zeros([d])
        if mode == .train {
            let batchMean = x.mean(axis: 0)
            let batchVariance = ((x - batchMean) * (x - batchMean)).mean(axis: 0)
            state.runningMean = state.momentum * mean + (1 - state.momentum) * batchMean
            state.runningVariance = state.momentum * variance + (1 - state.momentum) * batchVariance
            mean = batchMean
            variance = batchVariance
        }
        let out = gamma * (x - mean) / sqrt(variance + state.eps) + beta
        return (out, Cache(x: x, gamma: gamma, eps: state.eps))
    }

    private func statistics(_ cache: Cache) -> (centered: Tensor, invStd: Tensor, xhat: Tensor) {
        let centered = cache.x - cache.x.mean(axis: 0)
        let invStd = 1 / sqrt((centered * centered).mean(axis: 0) + cache.eps)
        return (centered, invStd, centered * invStd)
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (centered, invStd, xhat) = statistics(cache)
        let n = Double(dout.shape[0])
        let dxhat = dout * cache.gamma
        // x̂ = c · s with c = x − μ and s = (mean(c²) + eps)^(−1/2)
        let ds = (dxhat * centered).sum(axis: 0)
        let dmeanSquares = ds * -0.5 * invStd * invStd * invStd
        var dc = dxhat * invStd + 2 * centered * dmeanSquares / n
        dc = dc - dc.mean(axis: 0)    // through μ
        return (dc, (dout * xhat).sum(axis: 0), dout.sum(axis: 0))
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (_, invStd, xhat) = statistics(cache)
        let dxhat = dout * cache.gamma
        let dx = invStd * (dxhat - dxhat.mean(axis: 0) - xhat * (dxhat * xhat).mean(axis: 0))
        return (dx, (dout * xhat).sum(axis: 0), dout.sum(axis: 0))
    }
}
