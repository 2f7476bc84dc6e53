import Curriculum
import TensorKit

// Compact batch norm: keep x̂, the inverse std, gamma and the centered input.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        let centered: Tensor
        let invStd: Tensor
        let normalized: Tensor
        let gamma: Tensor
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
        } else {
            mean = state.runningMean ?? .zeros([features])
            variance = state.runningVariance ?? .zeros([features])
        }
        let centered = x - mean
        let invStd = 1 / sqrt(variance + state.eps)
        let normalized = centered * invStd
        return (normalized * gamma + beta,
                Cache(centered: centered, invStd: invStd, normalized: normalized, gamma: gamma))
    }

    /// Staged: dx̂, then dvar and dmean, then dx.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.normalized).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let dvar = (dxhat * cache.centered).sum(axis: 0) * -0.5 * pow(cache.invStd, 3)
        let dmean = (dxhat * -1 * cache.invStd).sum(axis: 0)
            + dvar * (-2 * cache.centered).sum(axis: 0) / n
        let dx = dxhat * cache.invStd + dvar * 2 * cache.centered / n + dmean / n
        return (dx, dgamma, dbeta)
    }

    /// Simplified on paper, written with dout directly.
    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.normalized).sum(axis: 0)
        let dx = cache.gamma * cache.invStd / n
            * (n * dout - dbeta - cache.normalized * dgamma)
        return (dx, dgamma, dbeta)
    }
}
