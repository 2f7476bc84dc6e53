import Curriculum
import TensorKit

/// Spatial batch norm around the student's BatchNorm via permute/reshape.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var inner: BatchNorm.Cache
        var shape: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3]
        let flat = x.permuted([0, 2, 3, 1]).reshaped([n * h * w, c])
        let (y, inner) = BatchNorm().forward(flat, gamma: gamma, beta: beta, mode: mode, state: &state)
        let out = y.reshaped([n, h, w, c]).permuted([0, 3, 1, 2])
        return (out, Cache(inner: inner, shape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = cache.shape[0], c = cache.shape[1], h = cache.shape[2], w = cache.shape[3]
        let flat = dout.permuted([0, 2, 3, 1]).reshaped([n * h * w, c])
        let (dflat, dgamma, dbeta) = BatchNorm().backward(flat, cache: cache.inner)
        let dx = dflat.reshaped([n, h, w, c]).permuted([0, 3, 1, 2])
        return (dx, dgamma, dbeta)
    }
}
