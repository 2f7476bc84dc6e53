import Curriculum
import TensorKit

/// Exercise `batchnorm`: batch normalization of `(N, D)` inputs, feature by feature.
///
/// In training, each feature (column) is shifted and scaled to mean 0 and variance 1
/// using the statistics of the current batch, then given a learnable scale `gamma` and
/// shift `beta`. At test time the batch's statistics are replaced by running averages
/// collected during training, so that a prediction does not depend on the other
/// examples in the batch.
/// Handout: `assignments/06-batchnorm/README.md`. Check: `swift run grader check batchnorm`.
public struct BatchNorm: BatchNormLayer {
    /// What ``forward(_:gamma:beta:mode:state:)`` hands to the two backward passes.
    /// Yours to design: both ``backward(_:cache:)`` and ``backwardAlt(_:cache:)`` read it,
    /// so keep what either of them needs.
    public struct Cache {
        // keep what backward needs
    }

    public init() {}

    /// Normalizes every feature of `x`, then scales by `gamma` and shifts by `beta`.
    ///
    /// In `.train` mode:
    /// 1. the mean `μ` and the biased variance `σ²` (divide by `N`, not `N − 1`) of each
    ///    column, both of shape `(D,)`;
    /// 2. `x̂ = (x − μ) / √(σ² + eps)`, shape `(N, D)`;
    /// 3. `out = gamma · x̂ + beta`;
    /// 4. the running statistics move toward the batch's:
    ///    `running = momentum · running + (1 − momentum) · batch`, starting from zeros
    ///    when `state` holds none yet.
    ///
    /// In `.test` mode, steps 1 and 4 are skipped and step 2 uses the running mean and
    /// variance (with the same `eps`); a state that holds none yet counts as zeros.
    ///
    /// - Parameters:
    ///   - x: inputs of shape `(N, D)`.
    ///   - gamma: scale per feature, shape `(D,)`.
    ///   - beta: shift per feature, shape `(D,)`.
    ///   - mode: `.train` or `.test`, as above.
    ///   - state: `eps`, `momentum` and the running statistics, updated in place in
    ///     `.train` mode.
    /// - Returns: `out` of shape `(N, D)` and a cache. The backward passes need the
    ///   intermediate values of the forward pass: think of which nodes of the graph
    ///   they read (`x̂`, the centered input, `1 / √(σ² + eps)`, `gamma`, …).
    ///
    /// Hints: the statistics are per feature, so reduce over axis 0 (`mean(axis: 0)`,
    /// `variance(axis: 0)`), never over the whole tensor. A `(D,)` tensor broadcasts
    /// over the rows of an `(N, D)` one.
    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        TODO("batchnorm")
    }

    /// The gradients, by walking the computation graph of the forward pass backward,
    /// one node at a time.
    ///
    /// Draw the graph on paper first: `x → (x − μ) → σ² → 1/√(σ² + eps) → x̂ → out`,
    /// with `μ` feeding both the centering and, through it, the variance. Then go from
    /// `out` back to `x`, applying the chain rule at every node and adding up the
    /// gradients of every path that reaches a node.
    ///
    /// - Parameters:
    ///   - dout: the upstream gradient, shape `(N, D)`.
    ///   - cache: what the `.train` forward pass returned.
    /// - Returns: `dx` `(N, D)`, `dgamma` `(D,)`, `dbeta` `(D,)`.
    ///
    /// Hints: wherever the forward pass broadcast a `(D,)` value over `N` rows, the
    /// backward pass sums over axis 0. `dbeta` and `dgamma` are the easy part; `dx`
    /// reaches `x` along three paths (directly, through `μ`, and through `σ²`).
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        TODO("batchnorm")
    }

    /// The same gradients as ``backward(_:cache:)``, but `dx` from one expression you
    /// simplified on paper.
    ///
    /// Write the gradient with respect to `x̂` first, then express `dx` using only it,
    /// `x̂` and `1 / √(σ² + eps)`, with sums over the batch: the three paths of the
    /// graph collapse into a short formula. The two implementations must give the same
    /// numbers up to rounding; the grader compares them.
    ///
    /// - Parameters:
    ///   - dout: the upstream gradient, shape `(N, D)`.
    ///   - cache: what the `.train` forward pass returned (the same cache type as
    ///     ``backward(_:cache:)``; you need not read all of it).
    /// - Returns: `dx` `(N, D)`, `dgamma` `(D,)`, `dbeta` `(D,)`.
    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        TODO("batchnorm")
    }
}
