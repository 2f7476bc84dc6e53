import Curriculum
import TensorKit

// Spatial batch norm on top of my own BatchNorm: channels last, flatten, normalize, undo.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        let inner: BatchNorm.Cache
        let shape: [Int]
    }

    public init() {}

    private func toColumns(_ t: Tensor) -> Tensor {
        let c = t.shape[1]
        return t.reshaped([-1, c])
    }

    private func fromColumns(_ t: Tensor, shape: [Int]) -> Tensor {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        return t.reshaped([n, c, h, w])
    }

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (columns, inner) = BatchNorm().forward(toColumns(x), gamma: gamma, beta: beta,
                                                   mode: mode, state: &state)
        return (fromColumns(columns, shape: x.shape), Cache(inner: inner, shape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (dcolumns, dgamma, dbeta) = BatchNorm().backward(toColumns(dout), cache: cache.inner)
        return (fromColumns(dcolumns, shape: cache.shape), dgamma, dbeta)
    }
}
