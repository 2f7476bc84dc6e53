import Curriculum
import TensorKit

/// Exercise `batchnorm`: batch normalization of `(N, D)` inputs, feature by feature.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var xhat: Tensor
        var centered: Tensor
        var std: Tensor
        var invStd: Tensor
        var variance: Tensor
        var gamma: Tensor
        var eps: Double
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let d = x.shape[1]
        let eps = state.eps
        switch mode {
        case .train:
            let mu = x.mean(axis: 0)
            let centered = x - mu
            let variance = (centered * centered).mean(axis: 0)
            let std = sqrt(variance + eps)
            let invStd = 1.0 / std
            let xhat = centered * invStd
            let out = gamma * xhat + beta
            let m = state.momentum
            let runningMean = state.runningMean ?? Tensor.zeros([d])
            let runningVariance = state.runningVariance ?? Tensor.ones([d])
            state.runningMean = m * runningMean + (1 - m) * mu
            state.runningVariance = m * runningVariance + (1 - m) * variance
            return (out, Cache(xhat: xhat, centered: centered, std: std, invStd: invStd,
                               variance: variance, gamma: gamma, eps: eps))
        case .test:
            let runningMean = state.runningMean ?? Tensor.zeros([d])
            let runningVariance = state.runningVariance ?? Tensor.zeros([d])
            let std = sqrt(runningVariance + eps)
            let centered = x - runningMean
            let xhat = centered / std
            let out = gamma * xhat + beta
            return (out, Cache(xhat: xhat, centered: centered, std: std, invStd: 1.0 / std,
                               variance: runningVariance, gamma: gamma, eps: eps))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        // out = gamma * xhat + beta
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        // xhat = centered * invStd
        let dinvStd = (dxhat * cache.centered).sum(axis: 0)
        let dcenteredA = dxhat * cache.invStd
        // invStd = 1 / std
        let dstd = -1.0 / (cache.std * cache.std) * dinvStd
        // std = sqrt(variance + eps)
        let dvariance = 0.5 / cache.std * dstd
        // variance = mean(centered²)
        let dsquares = Tensor.ones(dout.shape) / n * dvariance
        let dcenteredB = 2.0 * cache.centered * dsquares
        let dcentered = dcenteredA + dcenteredB
        // centered = x − mu
        let dmu = -dcentered.sum(axis: 0)
        let dx = dcentered + Tensor.ones(dout.shape) / n * dmu
        return (dx, dgamma, dbeta)
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let dx = cache.invStd / n
            * (n * dxhat - dxhat.sum(axis: 0) - cache.xhat * (dxhat * cache.xhat).sum(axis: 0))
        return (dx, dgamma, dbeta)
    }
}
