import Curriculum
import Foundation
import TensorKit

/// Batch norm with a minimal cache (x, batch mean and variance, eps, gamma): the
/// backward passes recompute x̂. `backward` uses the staged dvar/dmean derivation with
/// powers of (σ² + eps); `backwardAlt` the closed form written with dx̂.
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
        if mode == .test {
            let mean = state.runningMean ?? Tensor.zeros([x.shape[1]])
            let variance = state.runningVariance ?? Tensor.zeros([x.shape[1]])
            let out = gamma * ((x - mean) / sqrt(variance + state.eps)) + beta
            return (out, Cache(x: x, mean: mean, variance: variance, eps: state.eps, gamma: gamma))
        }
        let n = Double(x.shape[0])
        let mean = x.sum(axis: 0) / n
        let centered = x - mean
        let variance = (centered * centered).sum(axis: 0) / n
        let xhat = centered / sqrt(variance + state.eps)
        let out = gamma * xhat + beta
        let keep = state.momentum
        let rm = state.runningMean ?? Tensor.zeros(mean.shape)
        let rv = state.runningVariance ?? Tensor.zeros(variance.shape)
        state.runningMean = rm + (1 - keep) * (mean - rm)
        state.runningVariance = rv + (1 - keep) * (variance - rv)
        return (out, Cache(x: x, mean: mean, variance: variance, eps: state.eps, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(cache.x.shape[0])
        let centered = cache.x - cache.mean
        let inverseStd = pow(cache.variance + cache.eps, -0.5)
        let xhat = centered * inverseStd
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let dvariance = (dxhat * centered).sum(axis: 0) * (-0.5) * pow(cache.variance + cache.eps, -1.5)
        let dmean = (-dxhat * inverseStd).sum(axis: 0) + dvariance * (-2 * centered).sum(axis: 0) / n
        let dx = dxhat * inverseStd + dvariance * 2 * centered / n + dmean / n
        return (dx, dgamma, dbeta)
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(cache.x.shape[0])
        let inverseStd = 1 / sqrt(cache.variance + cache.eps)
        let xhat = (cache.x - cache.mean) * inverseStd
        let dxhat = dout * cache.gamma
        let dx = inverseStd / n * (n * dxhat - dxhat.sum(axis: 0) - xhat * (dxhat * xhat).sum(axis: 0))
        return (dx, (dout * xhat).sum(axis: 0), dout.sum(axis: 0))
    }
}
