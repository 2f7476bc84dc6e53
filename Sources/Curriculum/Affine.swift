import TensorKit

/// Exercise `affine`: a fully-connected layer, `out = x·w + b`.
///
/// Implementations: `Exercises.Affine` (the student's), `Solutions.Affine` (reference).
public protocol AffineLayer: Sendable {
    /// Whatever the forward pass keeps for the backward pass.
    associatedtype Cache
    init()

    /// - Parameters:
    ///   - x: inputs of shape `(N, d1, …, dk)`, read as `N` rows of `D = d1 ⋯ dk` values.
    ///   - w: weights of shape `(D, M)`.
    ///   - b: biases of shape `(M,)`.
    /// - Returns: `out` of shape `(N, M)` and the cache.
    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache)

    /// - Parameters:
    ///   - dout: the upstream gradient, shape `(N, M)`.
    ///   - cache: what ``forward(_:_:_:)`` returned.
    /// - Returns: `dx` in `x`'s own shape `(N, d1, …, dk)`, `dw` of shape `(D, M)`,
    ///   `db` of shape `(M,)`.
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor)
}
