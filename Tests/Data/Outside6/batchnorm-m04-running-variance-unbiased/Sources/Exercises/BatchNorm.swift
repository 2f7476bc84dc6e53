import Curriculum
import TensorKit

/// Batch norm with the textbook dvar/dmean derivation in backward, and the
/// dout/dgamma/dbeta form in backwardAlt. Statistics from TensorKit's variance.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var x: Tensor
        var mean: Tensor
        var xhat: Tensor
        var std: Tensor
        var gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let features = x.shape[1]
        let mean: Tensor
        let variance: Tensor
        if mode == .train {
            mean = x.mean(axis: 0)
            variance = x.variance(axis: 0)
            let m = state.momentum
            state.runningMean = m * (state.runningMean ?? .zeros([features])) + (1 - m) * mean
            state.runningVariance = m * (state.runningVariance ?? .zeros([features])) + (1 - m) * x.variance(axis: 0, ddof: 1)
        } else {
            mean = state.runningMean ?? .zeros([features])
            variance = state.runningVariance ?? .zeros([features])
        }
        let std = sqrt(variance + state.eps)
        let xhat = (x - mean) / std
        return (xhat * gamma + beta, Cache(x: x, mean: mean, xhat: xhat, std: std, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let centered = cache.x - cache.mean
        let dxhat = dout * cache.gamma
        let dvar = (dxhat * centered).sum(axis: 0) * (-0.5) / (cache.std * cache.std * cache.std)
        let dmean = (-dxhat / cache.std).sum(axis: 0) + dvar * (-2 * centered).mean(axis: 0)
        let dx = dxhat / cache.std + dvar * 2 * centered / n + dmean / n
        return (dx, (dout * cache.xhat).sum(axis: 0), dout.sum(axis: 0))
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dx = (cache.gamma / (n * cache.std)) * (n * dout - dbeta - cache.xhat * dgamma)
        return (dx, dgamma, dbeta)
    }
}
