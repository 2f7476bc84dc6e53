import Curriculum
import TensorKit

/// Batch norm: backward as a node-by-node walk of the graph, alt as the short formula.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var xhat: Tensor
        var centered: Tensor
        var invStd: Tensor
        var gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let d = x.shape[1]
        let runningMean = state.runningMean ?? Tensor.zeros([d])
        let runningVariance = state.runningVariance ?? Tensor.zeros([d])
        switch mode {
        case .train:
            let mu = x.mean(axis: 0)
            let centered = x - mu
            let variance = (centered * centered).mean(axis: 0)
            let invStd = 1.0 / sqrt(variance + state.eps)
            let xhat = centered * invStd
            let out = gamma * xhat + beta
            state.runningMean = state.momentum * runningMean + (1 - state.momentum) * mu
            state.runningVariance = state.momentum * runningVariance + (1 - state.momentum) * variance
            return (out, Cache(xhat: xhat, centered: centered, invStd: invStd, gamma: gamma))
        case .test:
            let invStd = 1.0 / sqrt(runningVariance + state.eps)
            let centered = x - runningMean
            let xhat = centered * invStd
            return (gamma * xhat + beta, Cache(xhat: xhat, centered: centered, invStd: invStd, gamma: gamma))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        // xhat = centered * invStd
        let dcentered1 = dxhat * cache.invStd
        let dinvStd = (dxhat * cache.centered).sum(axis: 0)
        // invStd = (var + eps)^(-1/2)
        let dvariance = dinvStd * (-0.5) * cache.invStd * cache.invStd * cache.invStd
        // var = mean(centered^2)
        let dsquares = Tensor.ones(cache.centered.shape) * dvariance / n
        let dcentered2 = 2.0 * cache.centered * dsquares
        let dcentered = dcentered1 + dcentered2
        // centered = x - mu
        let dmu = -dcentered.sum(axis: 0)
        let dx = dcentered + dmu / n
        return (dx, dgamma, dbeta)
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let dx = (cache.invStd / n) * (n * dxhat - dxhat.sum(axis: 0) - cache.xhat * (dxhat * cache.xhat).sum(axis: 0))
        return (dx, dgamma, dbeta)
    }
}
