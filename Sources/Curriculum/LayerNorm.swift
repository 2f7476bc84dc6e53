import TensorKit

/// Exercise `layernorm`: layer normalization of `(N, D)` inputs, per sample. The same
/// computation in training and at test time; no running statistics.
public protocol LayerNormLayer: Sendable {
    associatedtype Cache
    init()

    /// - Parameters:
    ///   - x: inputs of shape `(N, D)`.
    ///   - gamma: scale per feature, shape `(D,)`.
    ///   - beta: shift per feature, shape `(D,)`.
    ///   - eps: added to the variance before the square root (1e-5 in the course).
    /// - Returns: `out` of shape `(N, D)` and the cache.
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache)

    /// - Returns: `dx` `(N, D)`, `dgamma` `(D,)`, `dbeta` `(D,)`.
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor)
}
