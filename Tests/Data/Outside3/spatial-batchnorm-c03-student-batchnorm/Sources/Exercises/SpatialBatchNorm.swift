import Curriculum
import TensorKit

// Built on my BatchNorm, as the handout suggests: channels last, flatten, batch norm,
// then back.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var inner: BatchNorm.Cache
        var shape: [Int]
    }

    public init() {}

    private static func toColumns(_ t: Tensor) -> Tensor {
        let c = t.shape[1]
        return t.transposed(0, 2, 3, 1).reshaped(-1, c)
    }

    private static func fromColumns(_ t: Tensor, like shape: [Int]) -> Tensor {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        return t.reshaped(n, h, w, c).transposed(0, 3, 1, 2)
    }

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (y, inner) = BatchNorm().forward(Self.toColumns(x), gamma: gamma, beta: beta, mode: mode, state: &state)
        return (Self.fromColumns(y, like: x.shape), Cache(inner: inner, shape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (dcols, dgamma, dbeta) = BatchNorm().backward(Self.toColumns(dout), cache: cache.inner)
        return (Self.fromColumns(dcols, like: cache.shape), dgamma, dbeta)
    }
}
