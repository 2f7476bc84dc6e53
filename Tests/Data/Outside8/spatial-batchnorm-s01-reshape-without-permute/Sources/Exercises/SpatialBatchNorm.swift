import Curriculum
import TensorKit

/// Spatial batch norm: channels last, flattened to (N·H·W, C), my BatchNorm, and back.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var inner: BatchNorm.Cache
        var shape: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3]
        let flat = x.reshaped([n * h * w, c])
        let (out, inner) = BatchNorm().forward(flat, gamma: gamma, beta: beta, mode: mode, state: &state)
        let back = out.reshaped([n, c, h, w])
        return (back, Cache(inner: inner, shape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = cache.shape[0], c = cache.shape[1], h = cache.shape[2], w = cache.shape[3]
        let flat = dout.reshaped([n * h * w, c])
        let (dx, dgamma, dbeta) = BatchNorm().backward(flat, cache: cache.inner)
        return (dx.reshaped([n, c, h, w]), dgamma, dbeta)
    }
}
