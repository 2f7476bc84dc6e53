import Curriculum
import TensorKit

/// Exercise `spatial-batchnorm`, on the student's own `BatchNorm`.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var inner: BatchNorm.Cache
        var n: Int
        var c: Int
        var h: Int
        var w: Int
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let flat = x.transposed(0, 2, 3, 1).reshaped(n * h * w, c)
        let (y, inner) = BatchNorm().forward(flat, gamma: gamma, beta: beta, mode: mode, state: &state)
        let out = y.reshaped(n, h, w, c).transposed(0, 2, 3, 1)
        return (out, Cache(inner: inner, n: n, c: c, h: h, w: w))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let flat = dout.transposed(0, 2, 3, 1).reshaped(cache.n * cache.h * cache.w, cache.c)
        let (dflat, dgamma, dbeta) = BatchNorm().backward(flat, cache: cache.inner)
        let dx = dflat.reshaped(cache.n, cache.h, cache.w, cache.c).transposed(0, 2, 3, 1)
        return (dx, dgamma, dbeta)
    }
}
