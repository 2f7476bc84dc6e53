import Curriculum
import TensorKit

/// Exercise `batchnorm`: backward by the classic step list, backwardAlt written with
/// dbeta and dgamma (`gamma · invStd / N · (N·dout − dbeta − x̂·dgamma)`).
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var x: Tensor
        var mean: Tensor
        var variance: Tensor
        var xhat: Tensor
        var gamma: Tensor
        var eps: Double
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let features = x.shape[1]
        if state.runningMean == nil { state.runningMean = Tensor.zeros([features]) }
        if state.runningVariance == nil { state.runningVariance = Tensor.zeros([features]) }
        var mean: Tensor
        var variance: Tensor
        if mode == .train {
            mean = x.mean(axis: 0)
            variance = x.variance(axis: 0, ddof: 1)
            let momentum = state.momentum
            state.runningMean = state.runningMean! * momentum + mean * (1 - momentum)
            state.runningVariance = state.runningVariance! * momentum + variance * (1 - momentum)
        } else {
            mean = state.runningMean!
            variance = state.runningVariance!
        }
        let xhat = (x - mean) / sqrt(variance + state.eps)
        let out = xhat * gamma + beta
        return (out, Cache(x: x, mean: mean, variance: variance, xhat: xhat, gamma: gamma, eps: state.eps))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let xmu = cache.x - cache.mean
        let ivar = 1.0 / sqrt(cache.variance + cache.eps)
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let dvar = (dxhat * xmu).sum(axis: 0) * -0.5 * pow(cache.variance + cache.eps, -1.5)
        let dmean = (dxhat * -ivar).sum(axis: 0) + dvar * (xmu * -2.0).sum(axis: 0) / n
        let dx = dxhat * ivar + dvar * 2.0 * xmu / n + dmean / n
        return (dx, dgamma, dbeta)
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let ivar = 1.0 / sqrt(cache.variance + cache.eps)
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dx = cache.gamma * ivar / n * (n * dout - dbeta - cache.xhat * dgamma)
        return (dx, dgamma, dbeta)
    }
}
