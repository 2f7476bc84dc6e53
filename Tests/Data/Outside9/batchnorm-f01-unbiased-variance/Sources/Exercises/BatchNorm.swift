import Curriculum
import TensorKit

/// Batch norm written with dvar / dmean; alt with dgamma and dbeta first.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var x: Tensor
        var mean: Tensor
        var variance: Tensor
        var normalized: Tensor
        var gamma: Tensor
        var eps: Double
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let features = x.shape[1]
        var runMean = state.runningMean ?? Tensor.zeros(features)
        var runVar = state.runningVariance ?? Tensor.zeros(features)
        var mean = runMean
        var variance = runVar
        if mode == .train {
            mean = x.mean(axis: 0)
            variance = x.variance(axis: 0, ddof: 1)
            runMean = state.momentum * runMean + (1 - state.momentum) * mean
            runVar = state.momentum * runVar + (1 - state.momentum) * variance
            state.runningMean = runMean
            state.runningVariance = runVar
        }
        let normalized = (x - mean) / sqrt(variance + state.eps)
        let out = normalized * gamma + beta
        return (out, Cache(x: x, mean: mean, variance: variance, normalized: normalized, gamma: gamma, eps: state.eps))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(cache.x.shape[0])
        let xmu = cache.x - cache.mean
        let std = sqrt(cache.variance + cache.eps)
        let dnorm = dout * cache.gamma
        let dvar = (dnorm * xmu).sum(axis: 0) * (-0.5) / (std * std * std)
        let dmean = (-1.0 * dnorm / std).sum(axis: 0) + dvar * (-2.0 * xmu).sum(axis: 0) / n
        let dx = dnorm / std + dvar * 2.0 * xmu / n + dmean / n
        return (dx, (dout * cache.normalized).sum(axis: 0), dout.sum(axis: 0))
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(cache.x.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.normalized).sum(axis: 0)
        let std = sqrt(cache.variance + cache.eps)
        let dx = (cache.gamma / (n * std)) * (n * dout - dbeta - cache.normalized * dgamma)
        return (dx, dgamma, dbeta)
    }
}
