import Curriculum
import Foundation
import TensorKit

/// Affine layer using matmul's transposing flags; the cache keeps the flattened rows,
/// the input shape and the weights.
public struct Affine: AffineLayer {
    public struct Cache {
        var rows: Tensor
        var shape: [Int]
        var w: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        let rows = x.reshaped([x.shape[0], -1])
        return (rows.matmul(w) + b.reshaped([1, -1]), Cache(rows: rows, shape: x.shape, w: w))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let dx = dout.matmul(cache.w, transposingOther: true).reshaped(cache.shape)
        let dw = cache.rows.matmul(dout, transposingSelf: true)
        let db = Tensor.ones([1, dout.shape[0]]).matmul(dout).reshaped([-1])
        return (dx, dw, db)
    }
}
