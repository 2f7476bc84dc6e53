import Curriculum
import TensorKit

/// Exercise `layernorm`: per-row statistics with `keepDims`.
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        var xhat: Tensor     // (N, D)
        var istd: Tensor     // (N, 1)
        var gamma: Tensor    // (D,)
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let mu = x.mean(axis: 1, keepDims: true)                 // (N, 1)
        let variance = x.variance(axis: 1, keepDims: true)       // (N, 1)
        let istd = 1.0 / sqrt(variance + eps)
        let xhat = (x - mu) * istd
        let out = xhat * gamma + beta
        return (out, Cache(xhat: xhat, istd: istd, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let d = Double(dout.shape[1])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let sum1 = dxhat.sum(axis: 1, keepDims: true)
        let sum2 = (dxhat * cache.xhat).sum(axis: 1, keepDims: true)
        let dx = cache.istd / d * (d * dxhat - sum1 - cache.xhat * sum2)
        return (dx, dgamma, dbeta)
    }
}
