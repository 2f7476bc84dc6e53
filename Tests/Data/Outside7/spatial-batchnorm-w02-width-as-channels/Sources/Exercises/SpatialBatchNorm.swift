import Curriculum
import TensorKit

/// Spatial batch norm around the student's own BatchNorm: channels last, flatten, normalize, undo.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var inner: BatchNorm.Cache
        var shape: [Int]
    }

    public init() {}

    private func toRows(_ t: Tensor) -> Tensor {
        t.permuted([0, 2, 3, 1]).reshaped([-1, t.shape[3]])
    }

    private func fromRows(_ rows: Tensor, shape: [Int]) -> Tensor {
        rows.reshaped([shape[0], shape[2], shape[3], shape[1]]).permuted([0, 3, 1, 2])
    }

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (out, inner) = BatchNorm().forward(toRows(x), gamma: gamma, beta: beta, mode: mode, state: &state)
        return (fromRows(out, shape: x.shape), Cache(inner: inner, shape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (dx, dgamma, dbeta) = BatchNorm().backward(toRows(dout), cache: cache.inner)
        return (fromRows(dx, shape: cache.shape), dgamma, dbeta)
    }
}
