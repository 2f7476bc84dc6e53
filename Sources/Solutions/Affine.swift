import Curriculum
import TensorKit

/// The reference fully-connected layer: `out = x·w + b`, where each of the `N` inputs
/// is first flattened to a row of `D` values.
public struct Affine: AffineLayer {
    /// What the backward pass needs: the inputs as given and the weights.
    public struct Cache: Sendable {
        /// The inputs in their own shape `(N, d1, …, dk)`.
        public var x: Tensor
        /// The weights `(D, M)`.
        public var w: Tensor
    }

    public init() {}

    /// - Parameters:
    ///   - x: inputs `(N, d1, …, dk)`, read as `N` rows of `D = d1 ⋯ dk` values.
    ///   - w: weights `(D, M)`.
    ///   - b: biases `(M,)`.
    /// - Returns: `out` `(N, M)` and the cache.
    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        // (N, D)·(D, M) + (M,) broadcast over the N rows.
        let out = x.flattenedBatch().matmul(w) + b
        return (out, Cache(x: x, w: w))
    }

    /// - Parameters:
    ///   - dout: upstream gradient `(N, M)`.
    ///   - cache: from ``forward(_:_:_:)``.
    /// - Returns: `dx` in `x`'s shape, `dw` `(D, M)`, `db` `(M,)`.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        // out = x·w + b, so each input row receives dout·wᵀ, each weight collects
        // xᵀ·dout over the batch, and each bias the sum of its column of dout.
        let dx = dout.matmul(cache.w.transposed()).reshaped(cache.x.shape)  // (N, D) → x's shape
        let dw = cache.x.flattenedBatch().transposed().matmul(dout)       // (D, N)·(N, M)
        let db = dout.sum(axis: 0)                                        // (M,)
        return (dx, dw, db)
    }
}
