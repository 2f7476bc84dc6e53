import Curriculum
import TensorKit

/// Batch norm keeping x, the statistics and eps; backward by dvar / dmean, the alternative
/// from dgamma and dbeta.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var x: Tensor
        var mean: Tensor
        var variance: Tensor
        var eps: Double
        var gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let mean: Tensor
        let variance: Tensor
        if mode == .train {
            mean = x.mean(axis: 0)
            variance = x.variance(axis: 0, ddof: 1)
            let m = state.momentum
            state.runningMean = m * (state.runningMean ?? Tensor.zeros(like: mean)) + (1 - m) * mean
            state.runningVariance = m * (state.runningVariance ?? Tensor.zeros(like: variance)) + (1 - m) * variance
        } else {
            mean = state.runningMean ?? Tensor.zeros([x.shape[1]])
            variance = state.runningVariance ?? Tensor.zeros([x.shape[1]])
        }
        let xhat = (x - mean) / sqrt(variance + state.eps)
        let out = xhat * gamma + beta
        return (out, Cache(x: x, mean: mean, variance: variance, eps: state.eps, gamma: gamma))
    }

    private func normalized(_ cache: Cache) -> Tensor {
        (cache.x - cache.mean) / sqrt(cache.variance + cache.eps)
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(cache.x.shape[0])
        let xhat = normalized(cache)
        let centered = cache.x - cache.mean
        let varEps = cache.variance + cache.eps
        let dxhat = dout * cache.gamma
        let dvar = (dxhat * centered * -0.5 * pow(varEps, -1.5)).sum(axis: 0)
        let dmean = (dxhat * -1.0 / sqrt(varEps)).sum(axis: 0) + dvar * (-2.0 * centered).mean(axis: 0)
        let dx = dxhat / sqrt(varEps) + dvar * 2.0 * centered / n + dmean / n
        return (dx, (dout * xhat).sum(axis: 0), dout.sum(axis: 0))
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(cache.x.shape[0])
        let xhat = normalized(cache)
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * xhat).sum(axis: 0)
        let scale = cache.gamma / sqrt(cache.variance + cache.eps) / n
        let dx = scale * (n * dout - dbeta - xhat * dgamma)
        return (dx, dgamma, dbeta)
    }
}
