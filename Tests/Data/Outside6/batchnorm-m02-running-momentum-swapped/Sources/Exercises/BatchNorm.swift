import Curriculum
import TensorKit

/// Batch norm, backward walked node by node through the graph; backwardAlt in the
/// dx̂ form.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var xhat: Tensor
        var centered: Tensor
        var variance: Tensor
        var invStd: Tensor
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
            let invStd = 1 / sqrt(variance + eps)
            let xhat = centered * invStd
            let out = gamma * xhat + beta
            let runningMean = state.runningMean ?? Tensor.zeros([d])
            let runningVariance = state.runningVariance ?? Tensor.zeros([d])
            state.runningMean = (1 - state.momentum) * runningMean + state.momentum * mu
            state.runningVariance = (1 - state.momentum) * runningVariance + state.momentum * variance
            return (out, Cache(xhat: xhat, centered: centered, variance: variance, invStd: invStd,
                               gamma: gamma, eps: eps))
        case .test:
            let mu = state.runningMean ?? Tensor.zeros([d])
            let variance = state.runningVariance ?? Tensor.zeros([d])
            let centered = x - mu
            let invStd = 1 / sqrt(variance + eps)
            let xhat = centered * invStd
            return (gamma * xhat + beta, Cache(xhat: xhat, centered: centered, variance: variance,
                                               invStd: invStd, gamma: gamma, eps: eps))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        // out = gamma * xhat + beta
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        // xhat = centered * invStd
        let dcentered1 = dxhat * cache.invStd
        let dinvStd = (dxhat * cache.centered).sum(axis: 0)
        // invStd = (variance + eps)^(-1/2)
        let dvariance = -0.5 * pow(cache.variance + cache.eps, -1.5) * dinvStd
        // variance = mean(centered²)
        let dsquares = Tensor.ones(dout.shape) * dvariance / n
        let dcentered2 = 2 * cache.centered * dsquares
        let dcentered = dcentered1 + dcentered2
        // centered = x - mu
        let dmu = -dcentered.sum(axis: 0)
        // mu = mean(x)
        let dx = dcentered + Tensor.ones(dout.shape) * dmu / n
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
