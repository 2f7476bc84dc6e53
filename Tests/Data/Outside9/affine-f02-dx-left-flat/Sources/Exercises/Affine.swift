import Curriculum
import TensorKit

/// Affine layer, vectorised.
public struct Affine: AffineLayer {
    public struct Cache {
        var x: Tensor
        var w: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        let rows = x.flattenedBatch()
        let out = rows.matmul(w) + b
        return (out, Cache(x: x, w: w))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let rows = cache.x.flattenedBatch()
        let dx = dout.matmul(cache.w.transposed())
        let dw = rows.transposed().matmul(dout)
        let db = dout.sum(axis: 0)
        return (dx, dw, db)
    }
}
