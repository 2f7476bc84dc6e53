import Curriculum
import TensorKit

/// Exercise `layernorm`, by transposing so that batch norm's per-column code applies.
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        let xhatT: Tensor
        let xmuT: Tensor
        let varT: Tensor
        let gamma: Tensor
        let eps: Double
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let xT = x.transposed()                 // (D, N): one column per example
        let mu = xT.mean(axis: 0)
        let xmu = xT - mu
        let variance = (xmu * xmu).mean(axis: 0)
        let xhatT = xmu / sqrt(variance + eps)
        let out = xhatT.transposed() * gamma + beta
        return (out, Cache(xhatT: xhatT, xmuT: xmu, varT: variance, gamma: gamma, eps: eps))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhatT.transposed()).sum(axis: 0)
        let dxhatT = (dout * cache.gamma).transposed()
        let d = Double(dxhatT.shape[0])
        let std = sqrt(cache.varT + cache.eps)
        let dvar = (dxhatT * cache.xmuT).sum(axis: 0) * -0.5 / (std * std * std)
        let dmu = -1 * (dxhatT / std).sum(axis: 0) - 2 * dvar * cache.xmuT.mean(axis: 0)
        let dxT = dxhatT / std + 2 * dvar * cache.xmuT / d
        return (dxT.transposed(), dgamma, dbeta)
    }
}
