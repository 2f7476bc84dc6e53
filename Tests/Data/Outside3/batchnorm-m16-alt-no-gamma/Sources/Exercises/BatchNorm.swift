import Curriculum
import TensorKit

// Keeps only x̂, 1/σ and γ; the graph-walk backward recomputes x − μ from them.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        let normalized: Tensor   // x̂, (N, D)
        let inverseStd: Tensor   // 1 / √(σ² + eps), (D,)
        let gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let features = x.shape[1]
        var mean: Tensor
        var variance: Tensor
        if mode == .train {
            mean = x.mean(axis: 0)
            variance = x.variance(axis: 0)
            let keep = state.momentum
            let oldMean = state.runningMean ?? .zeros([features])
            let oldVariance = state.runningVariance ?? .zeros([features])
            state.runningMean = oldMean * keep + mean * (1 - keep)
            state.runningVariance = oldVariance * keep + variance * (1 - keep)
        } else {
            mean = state.runningMean ?? .zeros([features])
            variance = state.runningVariance ?? .zeros([features])
        }
        let inverseStd = 1.0 / sqrt(variance + state.eps)
        let normalized = (x - mean) * inverseStd
        return (normalized * gamma + beta, Cache(normalized: normalized, inverseStd: inverseStd, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let count = Double(dout.shape[0])
        let centered = cache.normalized / cache.inverseStd               // x − μ
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.normalized).sum(axis: 0)
        let dnormalized = dout * cache.gamma
        // x̂ = (x − μ) · (σ² + eps)^(−1/2)
        let dvariance = (dnormalized * centered).sum(axis: 0) * (-0.5) * pow(cache.inverseStd, 3)
        // σ² = Σ (x − μ)² / N, and μ = Σ x / N
        let dmean = (dnormalized * cache.inverseStd).sum(axis: 0) * -1.0
            + dvariance * (centered * -2.0).sum(axis: 0) / count
        let dx = dnormalized * cache.inverseStd + dvariance * 2.0 * centered / count + dmean / count
        return (dx, dgamma, dbeta)
    }

    /// dx = γ/(N σ) · (N · dout − Σ dout − x̂ · Σ dout x̂), the `dout` form.
    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let count = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.normalized).sum(axis: 0)
        let dx = cache.inverseStd / count
            * (count * dout - dbeta - cache.normalized * dgamma)
        return (dx, dgamma, dbeta)
    }
}
