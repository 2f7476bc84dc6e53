import Curriculum
import Foundation
import TensorKit

/// Layer norm through the transposed view: batch-norm style column statistics of xᵀ,
/// transposed back before gamma and beta are applied per feature.
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        var xhatT: Tensor    // x̂ᵀ, (D, N)
        var invStd: Tensor   // 1/√(σ² + eps) per example, (N,)
        var gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let t = x.transposed()                 // (D, N): one column per example
        let centered = t - t.mean(axis: 0)
        let invStd = 1 / sqrt((centered * centered).mean(axis: 0) + eps)
        let xhatT = centered * invStd
        let out = xhatT.transposed() * gamma + beta
        return (out, Cache(xhatT: xhatT, invStd: invStd, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let xhat = cache.xhatT.transposed()
        let dgamma = (dout * xhat).sum(axis: 0)
        let dbeta = dout.sum(axis: 0)
        let g = (dout * cache.gamma).transposed()   // dx̂ᵀ, (D, N)
        let m = Double(g.shape[0])
        let dxT = cache.invStd / m * (m * g - g.sum(axis: 0) - cache.xhatT * (g * cache.xhatT).sum(axis: 0))
        return (dxT.transposed(), dgamma, dbeta)
    }
}
