import Curriculum
import TensorKit

/// The reference batch normalization of `(N, D)` inputs: every feature (column) is
/// normalized with the mean and variance of the batch in training, and with running
/// averages of them at test time, then scaled by `gamma` and shifted by `beta`.
///
/// The nodes of the forward pass, numbered as in `docs/derivations.md`, section 3.2:
///
///     1  μ   = mean of x over the batch     (D,)
///     2  xc  = x − μ                        (N, D)
///     3  sq  = xc²                          (N, D)
///     4  σ²  = mean of sq over the batch    (D,)
///     5  s   = √(σ² + eps)                  (D,)
///     6  r   = 1 / s                        (D,)
///     7  x̂   = xc · r                       (N, D)
///     8  y   = γ · x̂                        (N, D)
///     9  out = y + β                        (N, D)
public struct BatchNorm: BatchNormLayer {
    /// The nodes of the forward pass that the backward passes read.
    public struct Cache: Sendable {
        /// `xc = x − μ`, shape `(N, D)`.
        public var centered: Tensor
        /// `s = √(σ² + eps)`, shape `(D,)`.
        public var standardDeviation: Tensor
        /// `r = 1 / s`, shape `(D,)`.
        public var inverseStandardDeviation: Tensor
        /// `x̂ = xc · r`, shape `(N, D)`.
        public var normalized: Tensor
        /// `γ`, shape `(D,)`.
        public var gamma: Tensor
    }

    public init() {}

    /// - Parameters:
    ///   - x: inputs `(N, D)`.
    ///   - gamma: scale per feature `(D,)`.
    ///   - beta: shift per feature `(D,)`.
    ///   - mode: `.train` uses the batch's mean and biased variance and moves the
    ///     running averages toward them; `.test` uses the running averages (zeros if
    ///     there are none yet, as in the course).
    ///   - state: eps, momentum and the running statistics `(D,)`.
    /// - Returns: `out` `(N, D)` and the cache; the backward passes assume `.train`.
    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let features = [x.shape[1]]
        let mean: Tensor, variance: Tensor  // (D,)
        switch mode {
        case .train:
            mean = x.mean(axis: 0)
            variance = x.variance(axis: 0)  // biased: divides by N
            let momentum = state.momentum
            state.runningMean = momentum * (state.runningMean ?? .zeros(features)) + (1 - momentum) * mean
            state.runningVariance = momentum * (state.runningVariance ?? .zeros(features)) + (1 - momentum) * variance
        case .test:
            mean = state.runningMean ?? .zeros(features)
            variance = state.runningVariance ?? .zeros(features)
        }
        let centered = x - mean                                // (N, D)
        let standardDeviation = sqrt(variance + state.eps)     // (D,)
        let inverseStandardDeviation = 1 / standardDeviation   // (D,)
        let normalized = centered * inverseStandardDeviation   // (N, D)
        let out = gamma * normalized + beta
        return (out, Cache(centered: centered, standardDeviation: standardDeviation,
                           inverseStandardDeviation: inverseStandardDeviation,
                           normalized: normalized, gamma: gamma))
    }

    /// The gradients node by node, from `out` back to `x` (see the type's comment).
    /// - Returns: `dx` `(N, D)`, `dgamma` `(D,)`, `dbeta` `(D,)`.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let (dgamma, dbeta) = parameterGradients(dout, cache: cache)  // nodes 9 and 8
        let s = cache.standardDeviation
        // 8: y = γ · x̂
        let dNormalized = dout * cache.gamma                                   // (N, D)
        // 7: x̂ = xc · r; r was broadcast over the rows, so its gradient is summed.
        let dCenteredDirect = dNormalized * cache.inverseStandardDeviation     // (N, D)
        let dInverse = (dNormalized * cache.centered).sum(axis: 0)             // (D,)
        // 6: r = 1 / s
        let dStandardDeviation = -dInverse / (s * s)                           // (D,)
        // 5: s = √(σ² + eps)
        let dVariance = dStandardDeviation / (2 * s)                           // (D,)
        // 4: σ² is the mean of sq: every row receives dσ² / N.
        let dSquares = (dVariance / n).broadcast(to: dout.shape)               // (N, D)
        // 3: sq = xc². xc feeds nodes 3 and 7, so its two gradients add up.
        let dCentered = dCenteredDirect + 2 * cache.centered * dSquares        // (N, D)
        // 2: xc = x − μ; μ was broadcast over the rows.
        let dMean = -dCentered.sum(axis: 0)                                    // (D,)
        // 1: μ is the mean of x. x feeds nodes 1 and 2, so its two gradients add up.
        let dx = dCentered + dMean / n                                         // (N, D)
        return (dx, dgamma, dbeta)
    }

    /// The same gradients, with `dx` from the expression simplified on paper
    /// (`docs/derivations.md`, section 3.3):
    /// `dx = γ · r / N · (N · dout − dβ − x̂ · dγ)`.
    /// - Returns: `dx` `(N, D)`, `dgamma` `(D,)`, `dbeta` `(D,)`.
    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let (dgamma, dbeta) = parameterGradients(dout, cache: cache)
        let dx = cache.gamma * cache.inverseStandardDeviation / n
            * (n * dout - dbeta - cache.normalized * dgamma)                   // (N, D)
        return (dx, dgamma, dbeta)
    }

    /// `dγ = Σ dout · x̂` and `dβ = Σ dout` over the batch: `γ` and `β` were broadcast
    /// over the rows. Shapes `(D,)`.
    private func parameterGradients(_ dout: Tensor, cache: Cache) -> (dgamma: Tensor, dbeta: Tensor) {
        ((dout * cache.normalized).sum(axis: 0), dout.sum(axis: 0))
    }
}
