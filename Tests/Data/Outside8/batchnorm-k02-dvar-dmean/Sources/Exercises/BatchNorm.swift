import Curriculum
import TensorKit

/// Batch norm: backward through dvar and dmean; alt from dgamma and dbeta.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        let x: Tensor
        let mean: Tensor
        let variance: Tensor
        let eps: Double
        let xNorm: Tensor
        let gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let features = x.shape[1]
        if mode == .train {
            let mean = x.mean(axis: 0)
            let variance = x.variance(axis: 0)
            let xNorm = (x - mean) / sqrt(variance + state.eps)
            let out = xNorm * gamma + beta
            let m = state.momentum
            state.runningMean = m * (state.runningMean ?? Tensor.zeros([features])) + (1 - m) * mean
            state.runningVariance = m * (state.runningVariance ?? Tensor.zeros([features])) + (1 - m) * variance
            return (out, Cache(x: x, mean: mean, variance: variance, eps: state.eps, xNorm: xNorm, gamma: gamma))
        } else {
            let mean = state.runningMean ?? Tensor.zeros([features])
            let variance = state.runningVariance ?? Tensor.zeros([features])
            let xNorm = (x - mean) / sqrt(variance + state.eps)
            let out = xNorm * gamma + beta
            return (out, Cache(x: x, mean: mean, variance: variance, eps: state.eps, xNorm: xNorm, gamma: gamma))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let xmu = cache.x - cache.mean
        let varEps = cache.variance + cache.eps
        let dxNorm = dout * cache.gamma
        let dvar = (dxNorm * xmu).sum(axis: 0) * (-0.5) * pow(varEps, -1.5)
        let dmean = (dxNorm * (-1.0) / sqrt(varEps)).sum(axis: 0) + dvar * (xmu * (-2.0)).sum(axis: 0) / n
        let dx = dxNorm / sqrt(varEps) + dvar * 2.0 * xmu / n + dmean / n
        let dgamma = (dout * cache.xNorm).sum(axis: 0)
        let dbeta = dout.sum(axis: 0)
        return (dx, dgamma, dbeta)
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xNorm).sum(axis: 0)
        let scale = cache.gamma / sqrt(cache.variance + cache.eps) / n
        let dx = scale * (n * dout - dbeta - cache.xNorm * dgamma)
        return (dx, dgamma, dbeta)
    }
}
