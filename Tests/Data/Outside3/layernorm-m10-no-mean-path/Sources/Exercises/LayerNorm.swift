import Curriculum
import TensorKit

// Transposes x to (D, N), runs batch norm's per-column steps (a graph walk),
// and transposes back before gamma and beta.
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        let xcT: Tensor        // (D, N): centered, one column per example
        let sqrtvar: Tensor    // (N,)
        let xhatT: Tensor      // (D, N)
        let gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let xT = x.transposed()                       // (D, N)
        let mu = xT.mean(axis: 0)                     // (N,)
        let xcT = xT - mu
        let varT = (xcT * xcT).mean(axis: 0)          // (N,)
        let sqrtvar = sqrt(varT + eps)
        let xhatT = xcT / sqrtvar
        let out = xhatT.transposed() * gamma + beta   // (N, D)
        return (out, Cache(xcT: xcT, sqrtvar: sqrtvar, xhatT: xhatT, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhatT.transposed()).sum(axis: 0)
        let dxhatT = (dout * cache.gamma).transposed()          // (D, N)
        let d = Double(dxhatT.shape[0])
        // xhat = xc / sqrtvar
        let dxc1 = dxhatT / cache.sqrtvar
        let dsqrtvar = -(dxhatT * cache.xcT).sum(axis: 0) / (cache.sqrtvar * cache.sqrtvar)
        // sqrtvar = sqrt(var + eps), var = mean(xc²)
        let dvar = dsqrtvar / (2 * cache.sqrtvar)
        let dxc2 = 2 * cache.xcT * dvar / d
        let dxc = dxc1 + dxc2
        // xc = x − mean(x)
        let dxT = dxc
        return (dxT.transposed(), dgamma, dbeta)
    }
}
