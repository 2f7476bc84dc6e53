import Curriculum
import TensorKit

/// Batch norm with every node of the graph kept; backward walks the graph node by node.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var centered: Tensor
        var std: Tensor
        var inverseStd: Tensor
        var normalized: Tensor
        var gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let d = x.shape[1]
        switch mode {
        case .train:
            let mu = x.mean(axis: 0)
            let centered = x - mu
            let variance = (centered * centered).mean(axis: 0)
            let std = sqrt(variance + state.eps)
            let inverseStd = 1.0 / std
            let normalized = centered * inverseStd
            let out = gamma * normalized + beta
            let runningMean = state.runningMean ?? Tensor.zeros([d])
            let runningVariance = state.runningVariance ?? Tensor.zeros([d])
            state.runningMean = state.momentum * runningMean + (1 - state.momentum) * mu
            state.runningVariance = state.momentum * runningVariance + (1 - state.momentum) * variance
            return (out, Cache(centered: centered, std: std, inverseStd: inverseStd,
                               normalized: normalized, gamma: gamma))
        case .test:
            let mu = state.runningMean ?? Tensor.zeros([d])
            let variance = state.runningVariance ?? Tensor.zeros([d])
            let std = sqrt(variance + state.eps)
            let centered = x - mu
            let normalized = centered / std
            return (gamma * normalized + beta,
                    Cache(centered: centered, std: std, inverseStd: 1.0 / std,
                          normalized: normalized, gamma: gamma))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.normalized).sum(axis: 0)
        // out = gamma * xhat + beta
        let dnormalized = dout * cache.gamma
        // xhat = centered * inverseStd
        let dcenteredDirect = dnormalized * cache.inverseStd
        let dinverseStd = (dnormalized * cache.centered).sum(axis: 0)
        // inverseStd = 1 / std
        let dstd = -dinverseStd / (cache.std * cache.std)
        // std = sqrt(variance + eps)
        let dvariance = 0.5 * dstd / cache.std
        // variance = mean(centered²)
        let dsquares = Tensor.ones(dout.shape) * dvariance / n
        let dcenteredSquare = 2.0 * cache.centered * dsquares
        let dcentered = dcenteredDirect + dcenteredSquare
        // centered = x - mu
        let dmu = -dcentered.sum(axis: 0)
        // mu = mean(x)
        let dx = dcentered + Tensor.ones(dout.shape) * dmu / n
        return (dx, dgamma, dbeta)
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.normalized).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let dx = cache.inverseStd / n
            * (n * dxhat - dxhat.sum(axis: 0) - cache.normalized * (dxhat * cache.normalized).sum(axis: 0))
        return (dx, dgamma, dbeta)
    }
}
