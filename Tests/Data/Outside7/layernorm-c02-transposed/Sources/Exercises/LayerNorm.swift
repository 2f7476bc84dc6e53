import Curriculum
import TensorKit

/// Layer norm as batch norm on the transpose: statistics over axis 0 of xᵀ (D, N).
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        var xT: Tensor
        var muT: Tensor
        var varT: Tensor
        var eps: Double
        var gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let xT = x.transposed()
        let muT = xT.mean(axis: 0)
        let centeredT = xT - muT
        let varT = (centeredT * centeredT).mean(axis: 0)
        let xhatT = centeredT / sqrt(varT + eps)
        let out = xhatT.transposed() * gamma + beta
        return (out, Cache(xT: xT, muT: muT, varT: varT, eps: eps, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let std = sqrt(cache.varT + cache.eps)
        let centeredT = cache.xT - cache.muT
        let xhatT = centeredT / std
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * xhatT.transposed()).sum(axis: 0)
        let dxhatT = (dout * cache.gamma).transposed()
        let d = Double(cache.xT.shape[0])
        let dvar = (dxhatT * centeredT).sum(axis: 0) * -0.5 / (std * std * std)
        let dmu = -(dxhatT / std).sum(axis: 0) - 2.0 * dvar * centeredT.mean(axis: 0)
        let dxT = dxhatT / std + 2.0 * dvar * centeredT / d + dmu / d
        return (dxT.transposed(), dgamma, dbeta)
    }
}
