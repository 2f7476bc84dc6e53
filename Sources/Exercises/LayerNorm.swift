import Curriculum
import TensorKit

/// Exercise `layernorm`: layer normalization of `(N, D)` inputs, example by example.
///
/// Batch norm normalizes each feature over the batch; layer norm normalizes each
/// example over its features. Its output for one example never depends on the
/// others, so it works with any batch size, behaves the same in training and at test
/// time, and needs no running statistics.
/// Handout: `assignments/07-layernorm/README.md`. Check: `swift run grader check layernorm`.
public struct LayerNorm: LayerNormLayer {
    /// What ``forward(_:gamma:beta:eps:)`` hands to ``backward(_:cache:)``. Yours to
    /// design: add the stored properties the backward pass needs.
    public struct Cache {
        // keep what backward needs
    }

    public init() {}

    /// Normalizes every row of `x` to mean 0 and variance 1, then scales each feature
    /// by `gamma` and shifts it by `beta`.
    ///
    /// - Parameters:
    ///   - x: inputs of shape `(N, D)`.
    ///   - gamma: scale per feature, shape `(D,)`.
    ///   - beta: shift per feature, shape `(D,)`.
    ///   - eps: added to the (biased) variance before the square root.
    /// - Returns: `out` of shape `(N, D)` and a cache with the intermediate values the
    ///   backward pass reads, as for batch norm.
    ///
    /// Hints: the statistics are per row: reduce over axis 1 with `keepDims: true`, so
    /// that the `(N, 1)` results broadcast against `(N, D)`. Or: transpose `x`, and the
    /// per-column code of batch norm applies unchanged; `gamma` and `beta` still act
    /// per feature, after transposing back.
    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        TODO("layernorm")
    }

    /// The gradients with respect to `x`, `gamma` and `beta`.
    ///
    /// - Parameters:
    ///   - dout: the upstream gradient, shape `(N, D)`.
    ///   - cache: what ``forward(_:gamma:beta:eps:)`` returned.
    /// - Returns: `dx` `(N, D)`, `dgamma` `(D,)`, `dbeta` `(D,)`.
    ///
    /// Hints: `dgamma` and `dbeta` are summed over the batch (axis 0), exactly as in
    /// batch norm, because `gamma` and `beta` are still per feature. The `dx` part is
    /// batch norm's with the roles of the axes swapped: the sums that ran over the `N`
    /// examples now run over the `D` features of each example.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        TODO("layernorm")
    }
}
