import Curriculum
import TensorKit

/// The reference layer normalization of `(N, D)` inputs: every sample (row) is
/// normalized with its own mean and variance over its `D` features, then scaled by
/// `gamma` and shifted by `beta` per feature. Training and test time are the same.
public struct LayerNorm: LayerNormLayer {
    /// What the backward pass reads.
    public struct Cache: Sendable {
        /// `x̂`, each row with mean 0 and variance `σ² / (σ² + eps)`, shape `(N, D)`.
        public var normalized: Tensor
        /// `1 / √(σ² + eps)` per sample, shape `(N, 1)`.
        public var inverseStandardDeviation: Tensor
        /// `γ`, shape `(D,)`.
        public var gamma: Tensor
    }

    public init() {}

    /// - Parameters:
    ///   - x: inputs `(N, D)`.
    ///   - gamma: scale per feature `(D,)`.
    ///   - beta: shift per feature `(D,)`.
    ///   - eps: added to each sample's variance before the square root.
    /// - Returns: `out` `(N, D)` and the cache.
    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        // The statistics run along each row; keeping them (N, 1) lets them broadcast
        // across the row, where a (D,) tensor such as gamma broadcasts down columns.
        let mean = x.mean(axis: 1, keepDims: true)                            // (N, 1)
        let variance = x.variance(axis: 1, keepDims: true)                    // (N, 1), biased
        let inverseStandardDeviation = 1 / sqrt(variance + eps)               // (N, 1)
        let normalized = (x - mean) * inverseStandardDeviation                // (N, D)
        let out = gamma * normalized + beta
        return (out, Cache(normalized: normalized,
                           inverseStandardDeviation: inverseStandardDeviation, gamma: gamma))
    }

    /// The gradients, with `dx` from the normalization's closed form applied to each
    /// row (`docs/derivations.md`, section 4):
    /// `dx = r / D · (D · dx̂ − Σ_row dx̂ − x̂ · Σ_row dx̂ · x̂)`, where `dx̂ = dout · γ`.
    /// - Returns: `dx` `(N, D)`, `dgamma` `(D,)`, `dbeta` `(D,)`.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let d = Double(dout.shape[1])
        let xhat = cache.normalized
        // gamma and beta were broadcast over the rows: their gradients sum over them.
        let dgamma = (dout * xhat).sum(axis: 0)                               // (D,)
        let dbeta = dout.sum(axis: 0)                                         // (D,)
        // gamma varies along a row, so it goes into dx̂ before the row sums.
        let dxhat = dout * cache.gamma                                        // (N, D)
        let dx = cache.inverseStandardDeviation / d
            * (d * dxhat
               - dxhat.sum(axis: 1, keepDims: true)                           // (N, 1)
               - xhat * (dxhat * xhat).sum(axis: 1, keepDims: true))          // (N, 1)
        return (dx, dgamma, dbeta)
    }
}
