import Curriculum
import TensorKit

/// Spatial batch norm through my own BatchNorm: channels last, flatten to
/// (N·H·W, C), normalize, undo.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var inner: BatchNorm.Cache
        var shape: [Int]
    }

    public init() {}

    private static func toColumns(_ t: Tensor) -> Tensor {
        t.reshaped([-1, t.shape[1]])
    }

    private static func fromColumns(_ t: Tensor, _ shape: [Int]) -> Tensor {
        t.reshaped(shape)
    }

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (out, inner) = BatchNorm().forward(Self.toColumns(x), gamma: gamma, beta: beta,
                                               mode: mode, state: &state)
        return (Self.fromColumns(out, x.shape), Cache(inner: inner, shape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (dx, dgamma, dbeta) = BatchNorm().backward(Self.toColumns(dout), cache: cache.inner)
        return (Self.fromColumns(dx, cache.shape), dgamma, dbeta)
    }
}
