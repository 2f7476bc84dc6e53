import Curriculum
import TensorKit

/// Batch norm: node-by-node graph backward; alt is the short formula.
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
        switch mode {
        case .train:
            let mu = x.mean(axis: 0)
            let centered = x - mu
            let variance = (centered * centered).mean(axis: 0)
            let invStd = 1.0 / sqrt(variance + state.eps)
            let xhat = centered * invStd
            let out = gamma * xhat + beta
            let rm = state.runningMean ?? Tensor.zeros([d])
            let rv = state.runningVariance ?? Tensor.zeros([d])
            state.runningMean = state.momentum * rm + (1 - state.momentum) * mu
            state.runningVariance = state.momentum * rv + (1 - state.momentum) * variance
            return (out, Cache(xhat: xhat, centered: centered, variance: variance, invStd: invStd,
                               gamma: gamma, eps: state.eps))
        case .test:
            let rm = state.runningMean ?? Tensor.zeros([d])
            let rv = state.runningVariance ?? Tensor.zeros([d])
            let invStd = 1.0 / sqrt(rv + state.eps)
            let xhat = (x - rm) * invStd
            return (gamma * xhat + beta, Cache(xhat: xhat, centered: x - rm, variance: rv, invStd: invStd,
                                               gamma: gamma, eps: state.eps))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        // xhat = centered * invStd
        let dinvStd = (dxhat * cache.centered).sum(axis: 0)
        var dcentered = dxhat * cache.invStd
        // invStd = (variance + eps)^(-1/2)
        let dvariance = dinvStd * (-0.5) * pow(cache.variance + cache.eps, -0.5)
        // variance = mean(centered^2)
        dcentered = dcentered + (2.0 / n) * cache.centered * dvariance
        // centered = x - mu
        let dmu = -1.0 * dcentered.sum(axis: 0)
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
