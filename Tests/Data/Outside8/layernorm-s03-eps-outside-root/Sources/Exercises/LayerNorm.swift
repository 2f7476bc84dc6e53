import Curriculum
import TensorKit

/// Layer norm as batch norm's column code on the transposed input.
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        let xhatT: Tensor      // (D, N)
        let centeredT: Tensor  // (D, N)
        let varianceT: Tensor  // (N,)
        let eps: Double
        let gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let xt = x.transposed()
        let mean = xt.mean(axis: 0)
        let centered = xt - mean
        let variance = (centered * centered).mean(axis: 0)
        let xhatT = centered / (sqrt(variance) + eps)
        let out = xhatT.transposed() * gamma + beta
        return (out, Cache(xhatT: xhatT, centeredT: centered, varianceT: variance, eps: eps, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhatT.transposed()).sum(axis: 0)
        let dxhatT = (dout * cache.gamma).transposed()
        let d = Double(dxhatT.shape[0])
        let std = sqrt(cache.varianceT) + cache.eps
        let dvar = (dxhatT * cache.centeredT).sum(axis: 0) * (-0.5) / (std * std * std)
        let dmean = (-1.0 * dxhatT / std).sum(axis: 0) - 2.0 * dvar * cache.centeredT.mean(axis: 0)
        let dxT = dxhatT / std + 2.0 * dvar * cache.centeredT / d + dmean / d
        return (dxT.transposed(), dgamma, dbeta)
    }
}
