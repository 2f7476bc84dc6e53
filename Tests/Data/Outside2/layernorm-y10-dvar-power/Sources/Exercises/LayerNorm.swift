import Curriculum
import TensorKit

/// Exercise `layernorm`: transpose, reuse batch norm's per-column code, transpose back.
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        var xhatT: Tensor     // (D, N)
        var centeredT: Tensor // (D, N)
        var varianceT: Tensor // (N,)
        var gamma: Tensor
        var eps: Double
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let xT = x.transposed()                  // (D, N): columns are examples
        let mu = xT.mean(axis: 0)                // (N,)
        let centeredT = xT - mu
        let varianceT = (centeredT * centeredT).mean(axis: 0)
        let xhatT = centeredT / sqrt(varianceT + eps)
        let out = xhatT.transposed() * gamma + beta
        return (out, Cache(xhatT: xhatT, centeredT: centeredT, varianceT: varianceT, gamma: gamma, eps: eps))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let xhat = cache.xhatT.transposed()
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * xhat).sum(axis: 0)
        let dxhatT = (dout * cache.gamma).transposed()   // (D, N)
        let d = Double(dxhatT.shape[0])
        let std = sqrt(cache.varianceT + cache.eps)       // (N,)
        // batch norm's staged backward, per column of the transposed layout
        let dvar = (dxhatT * cache.centeredT).sum(axis: 0) * (-0.5) / (std * std)
        let dmu = -(dxhatT / std).sum(axis: 0) - 2.0 * dvar * cache.centeredT.mean(axis: 0)
        let dxT = dxhatT / std + dvar * 2.0 * cache.centeredT / d + dmu / d
        return (dxT.transposed(), dgamma, dbeta)
    }
}
