import Curriculum
import TensorKit

/// The reference group normalization of images `(N, C, H, W)`: the channels of each
/// sample are split into `G` groups of `C / G` consecutive channels, and each group is
/// normalized over its channels and pixels; then each channel is scaled by `gamma` and
/// shifted by `beta`.
///
/// A sample's channels are stored one after another, so reshaping to `(N, G, M)` with
/// `M = (C / G)·H·W` puts each group's values in one row of the last axis.
public struct GroupNorm: GroupNormLayer {
    /// What the backward pass reads.
    public struct Cache: Sendable {
        /// `x̂` grouped, shape `(N, G, M)`.
        public var normalized: Tensor
        /// `1 / √(σ² + eps)` per sample and group, shape `(N, G, 1)`.
        public var inverseStandardDeviation: Tensor
        /// `γ` shaped `(C, 1, 1)` to broadcast over `(N, C, H, W)`.
        public var gamma: Tensor
        /// The input's shape `(N, C, H, W)`.
        public var shape: [Int]
    }

    public init() {}

    /// - Parameters:
    ///   - x: inputs `(N, C, H, W)`.
    ///   - gamma: scale per channel `(C,)`.
    ///   - beta: shift per channel `(C,)`.
    ///   - groups: `G`; `C` must be a multiple of it.
    ///   - eps: added to each group's variance before the square root.
    /// - Returns: `out` `(N, C, H, W)` and the cache.
    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let (n, c) = (x.shape[0], x.shape[1])
        if groups <= 0 || c % groups != 0 {
            shapeFailure("groupnorm: C = \(c) channels cannot be split into G = \(groups) groups of equal size; C must be a multiple of G")
        }
        let grouped = x.reshaped(n, groups, -1)                               // (N, G, M)
        let mean = grouped.mean(axis: 2, keepDims: true)                      // (N, G, 1)
        let variance = grouped.variance(axis: 2, keepDims: true)              // (N, G, 1), biased
        let inverseStandardDeviation = 1 / sqrt(variance + eps)               // (N, G, 1)
        let normalized = (grouped - mean) * inverseStandardDeviation          // (N, G, M)
        let perChannel = [c, 1, 1]
        let out = gamma.reshaped(perChannel) * normalized.reshaped(x.shape) + beta.reshaped(perChannel)
        return (out, Cache(normalized: normalized, inverseStandardDeviation: inverseStandardDeviation,
                           gamma: gamma.reshaped(perChannel), shape: x.shape))
    }

    /// The gradients, with `dx` from the normalization's closed form applied to each
    /// (sample, group) (`docs/derivations.md`, section 6):
    /// `dx = r / M · (M · dx̂ − Σ_group dx̂ − x̂ · Σ_group dx̂ · x̂)`, where `dx̂ = dout · γ`.
    /// - Returns: `dx` `(N, C, H, W)`, `dgamma` `(C,)`, `dbeta` `(C,)`.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let xhat = cache.normalized                                           // (N, G, M)
        let m = Double(xhat.shape[2])
        // gamma and beta were broadcast over samples and pixels.
        let pixelsAndSamples = [0, 2, 3]
        let dgamma = (dout * xhat.reshaped(cache.shape)).sum(axes: pixelsAndSamples)  // (C,)
        let dbeta = dout.sum(axes: pixelsAndSamples)                                   // (C,)
        // gamma varies inside a group, so it goes into dx̂ before the group sums.
        let dxhat = (dout * cache.gamma).reshaped(xhat.shape)                 // (N, G, M)
        let dx = cache.inverseStandardDeviation / m
            * (m * dxhat
               - dxhat.sum(axis: 2, keepDims: true)                           // (N, G, 1)
               - xhat * (dxhat * xhat).sum(axis: 2, keepDims: true))          // (N, G, 1)
        return (dx.reshaped(cache.shape), dgamma, dbeta)
    }
}
