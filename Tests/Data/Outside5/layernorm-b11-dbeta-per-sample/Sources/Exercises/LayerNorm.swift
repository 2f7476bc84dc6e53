import Curriculum
import TensorKit

// Layer norm = batch norm on the transpose, as the handout suggests.
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        let xhatT: Tensor     // (D, N)
        let centeredT: Tensor // (D, N)
        let varianceT: Tensor // (N,)
        let eps: Double
        let gamma: Tensor
        let xhat: Tensor      // (N, D)
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let xt = x.transposed()                  // (D, N): columns are examples
        let meanT = xt.mean(axis: 0)             // (N,)
        let centeredT = xt - meanT
        let varianceT = (centeredT * centeredT).mean(axis: 0)
        let xhatT = centeredT / sqrt(varianceT + eps)
        let xhat = xhatT.transposed()
        let out = xhat * gamma + beta
        return (out, Cache(xhatT: xhatT, centeredT: centeredT, varianceT: varianceT,
                           eps: eps, gamma: gamma, xhat: xhat))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let dbeta = dout.sum(axis: 1)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhatT = (dout * cache.gamma).transposed()    // (D, N)
        let m = Double(dxhatT.shape[0])
        let std = sqrt(cache.varianceT + cache.eps)
        let dvar = (dxhatT * cache.centeredT).sum(axis: 0) * (-0.5) / (std * std * std)
        let dmean = -(dxhatT / std).sum(axis: 0) - 2 * dvar * cache.centeredT.mean(axis: 0)
        let dxT = dxhatT / std + 2 * dvar * cache.centeredT / m + dmean / m
        return (dxT.transposed(), dgamma, dbeta)
    }
}
