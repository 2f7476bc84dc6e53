import Curriculum
import TensorKit

/// Layer norm by transposing: the examples become columns, batch norm's per-column
/// statistics and its backward formula apply, and gamma/beta act after transposing back.
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        var xhatT: Tensor
        var stdT: Tensor
        var gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let xT = x.transposed()                 // (D, N)
        let mean = xT.mean(axis: 0)             // (N,)
        let variance = xT.variance(axis: 0)     // (N,)
        let std = sqrt(variance + eps)
        let xhatT = (xT - mean) / std
        let out = xhatT.transposed() * gamma + beta
        return (out, Cache(xhatT: xhatT, stdT: std, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let xhat = cache.xhatT.transposed()
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * xhat).sum(axis: 0)
        let dxhatT = (dout * cache.gamma).transposed()   // (D, N)
        let d = Double(dxhatT.shape[1])
        let dxT = (d * dxhatT - dxhatT.sum(axis: 0) - cache.xhatT * (dxhatT * cache.xhatT).sum(axis: 0))
            / (d * cache.stdT)
        return (dxT.transposed(), dgamma, dbeta)
    }
}
