import Curriculum
import TensorKit

/// Batch norm with a node-by-node cache, as in the computational-graph derivation.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var xhat: Tensor
        var gamma: Tensor
        var xmu: Tensor
        var ivar: Tensor
        var sqrtvar: Tensor
        var variance: Tensor
        var eps: Double
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let d = x.shape[1]
        let eps = state.eps
        switch mode {
        case .train:
            let n = Double(x.shape[0])
            let mu = x.sum(axis: 0) / n
            let xmu = x - mu
            let sq = xmu * xmu
            let variance = sq.sum(axis: 0) / n
            let sqrtvar = sqrt(variance + eps)
            let ivar = 1.0 / sqrtvar
            let xhat = xmu * ivar
            let out = gamma * xhat + beta

            let momentum = state.momentum
            let runningMean = state.runningMean ?? Tensor.zeros([d])
            let runningVariance = state.runningVariance ?? Tensor.zeros([d])
            state.runningMean = momentum * runningMean + (1 - momentum) * mu
            state.runningVariance = momentum * runningVariance + (1 - momentum) * variance
            return (out, Cache(xhat: xhat, gamma: gamma, xmu: xmu, ivar: ivar,
                               sqrtvar: sqrtvar, variance: variance, eps: eps))
        case .test:
            let runningMean = state.runningMean ?? Tensor.zeros([d])
            let runningVariance = state.runningVariance ?? Tensor.zeros([d])
            let sqrtvar = sqrt(runningVariance + eps)
            let xmu = x - runningMean
            let ivar = 1.0 / sqrtvar
            let xhat = xmu * ivar
            let out = gamma * xhat + beta
            return (out, Cache(xhat: xhat, gamma: gamma, xmu: xmu, ivar: ivar,
                               sqrtvar: sqrtvar, variance: runningVariance, eps: eps))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        // out = gammax + beta
        let dbeta = dout.sum(axis: 0)
        let dgammax = dout
        // gammax = gamma * xhat
        let dgamma = (dgammax * cache.xhat).sum(axis: 0)
        let dxhat = dgammax * cache.gamma
        // xhat = xmu * ivar
        let divar = (dxhat * cache.xmu).sum(axis: 0)
        let dxmu1 = dxhat * cache.ivar
        // ivar = 1 / sqrtvar
        let dsqrtvar = -1.0 / (cache.sqrtvar * cache.sqrtvar) * divar
        // sqrtvar = sqrt(var + eps)
        let dvar = 0.5 * (1.0 / sqrt(cache.variance + cache.eps)) * dsqrtvar
        // var = mean(sq)
        let dsq = Tensor.ones(dout.shape) * dvar / n
        // sq = xmu^2
        let dxmu2 = 2 * cache.xmu * dsq
        // xmu = x - mu
        let dx1 = dxmu1
        let dmu = -1 * dx1.sum(axis: 0)
        let dx2 = Tensor.ones(dout.shape) * dmu / n
        let dx = dx1 + dx2
        return (dx, dgamma, dbeta)
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let dx = (cache.ivar / n) * (n * dxhat - dxhat.sum(axis: 0)
                                     - cache.xhat * (dxhat * cache.xhat).sum(axis: 0))
        return (dx, dgamma, dbeta)
    }
}
