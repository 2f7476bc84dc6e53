import Curriculum
import TensorKit

/// Exercise `batchnorm`: batch normalization of `(N, D)` inputs, feature by feature.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var x: Tensor
        var mu: Tensor
        var xmu: Tensor
        var variance: Tensor
        var sqrtvar: Tensor
        var ivar: Tensor
        var xhat: Tensor
        var gamma: Tensor
        var eps: Double
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let d = x.shape[1]
        let eps = state.eps
        let momentum = state.momentum
        var runningMean = state.runningMean ?? Tensor.zeros([d])
        var runningVar = state.runningVariance ?? Tensor.zeros([d])
        switch mode {
        case .train:
            let mu = x.mean(axis: 0)
            let xmu = x - mu
            let variance = (xmu * xmu).mean(axis: 0)
            let sqrtvar = sqrt(variance + eps)
            let ivar = 1 / sqrtvar
            let xhat = xmu * ivar
            let out = gamma * xhat + beta
            runningMean = momentum * runningMean + (1 - momentum) * mu
            runningVar = momentum * runningVar + (1 - momentum) * variance
            state.runningMean = runningMean
            state.runningVariance = runningVar
            let cache = Cache(x: x, mu: mu, xmu: xmu, variance: variance, sqrtvar: sqrtvar,
                              ivar: ivar, xhat: xhat, gamma: gamma, eps: eps)
            return (out, cache)
        case .test:
            let xhat = (x - runningMean) / sqrt(runningVar + eps)
            let out = gamma * xhat + beta
            let cache = Cache(x: x, mu: runningMean, xmu: x - runningMean, variance: runningVar,
                              sqrtvar: sqrt(runningVar + eps), ivar: 1 / sqrt(runningVar + eps),
                              xhat: xhat, gamma: gamma, eps: eps)
            return (out, cache)
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let divar = (dxhat * cache.xmu).sum(axis: 0)
        let dxmu1 = dxhat * cache.ivar
        let dsqrtvar = -1 / cache.variance * divar
        let dvar = 0.5 / cache.sqrtvar * dsqrtvar
        let dsq = Tensor.ones(cache.xmu.shape) / n * dvar
        let dxmu2 = 2 * cache.xmu * dsq
        let dx1 = dxmu1 + dxmu2
        let dmu = -1 * dx1.sum(axis: 0)
        let dx2 = Tensor.ones(cache.x.shape) / n * dmu
        let dx = dx1 + dx2
        return (dx, dgamma, dbeta)
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let dx = cache.ivar / n
            * (n * dxhat - dxhat.sum(axis: 0) - cache.xhat * (dxhat * cache.xhat).sum(axis: 0))
        return (dx, dgamma, dbeta)
    }
}
