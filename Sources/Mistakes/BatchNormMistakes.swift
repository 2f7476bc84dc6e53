import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in batch normalization. A mistaken forward pass keeps its own (wrong)
// values in the reference's cache, so that the reference's backward passes then run
// on them, as a student's correct backward pass would on their own forward's values.

extension MistakeCatalog {
    /// Mistakes of the `batchnorm` exercise.
    public static let batchNorm: [Mistake] = [
        Mistake("batchnorm-unbiased-variance", title: "unbiased variance (divides by N − 1)",
                hint: "Your variance looks like the unbiased estimate, dividing by N − 1. Batch norm uses the biased one, dividing by N: why does the difference fade for large batches, and why must training and the running average agree on it?",
                handlers: .batchNorm(UnbiasedVarianceBatchNorm())),
        Mistake("batchnorm-eps-outside-sqrt", title: "eps added to the standard deviation (σ + ε) instead of to the variance",
                hint: "Your normalization divides by something slightly off, most visibly for features with a small spread. Is eps added before or after the square root, and what does each choice do when the variance is zero?",
                handlers: .batchNorm(EpsOutsideRootBatchNorm())),
        Mistake("batchnorm-shift-before-scale", title: "shift before scale: (x̂ + β)·γ instead of γ·x̂ + β",
                hint: "Your output's mean per feature is not beta. Expand your last line: what does beta get multiplied by, and what does the layer promise instead — a mean of exactly β and a spread of |γ|?",
                handlers: .batchNorm(ShiftThenScaleBatchNorm())),
        Mistake("batchnorm-statistics-over-all-elements", title: "mean and variance over all elements instead of per feature",
                hint: "Your output's features are not each centered at beta. How many means should a batch of D features have, and along which axis are they taken?",
                handlers: .batchNorm(GlobalStatisticsBatchNorm())),
        Mistake("batchnorm-test-without-eps", title: "test mode divides by √(running variance) without eps",
                hint: "Your test-mode output is very close, but not equal, to the reference's. Training divided by √(σ² + ε): should test time divide by anything else, and what happens to a feature whose running variance is 0?",
                handlers: .batchNorm(EpslessTestBatchNorm())),
        Mistake("batchnorm-test-uses-batch-statistics", title: "test mode normalizes with the batch's statistics instead of the running ones",
                hint: "In test mode your output does not depend on the running statistics at all. What should a prediction for one example depend on, and what would a batch of one example give you?",
                handlers: .batchNorm(BatchStatisticsAtTestBatchNorm())),
        Mistake("batchnorm-momentum-swapped", title: "running averages weight the new batch by momentum and the history by 1 − momentum",
                hint: "Your running statistics jump to each new batch's values. With momentum 0.9, how much of the old running average should survive a training step?",
                handlers: .batchNorm(SwappedMomentumBatchNorm())),
        Mistake("batchnorm-alt-missing-mean-term", title: "simplified backward without the term from the mean",
                hint: "Your backwardAlt is missing a contribution: every x[i] also moves the batch mean. What is Σᵢ dx[i] for batch norm, and does yours give it?",
                handlers: .batchNorm(MeanlessAltBatchNorm())),
        Mistake("batchnorm-graph-missing-mean-path", title: "graph backward without the path through the mean (dμ)",
                hint: "Your backward's dx is off by the same amount in every row of a column. In the graph, x is used twice: once in x − μ and once to compute μ. Did the gradient flow back along both uses?",
                handlers: .batchNorm(MeanlessGraphBatchNorm())),
        Mistake("batchnorm-graph-square-without-2", title: "graph backward with d(xc²)/dxc taken as xc instead of 2·xc",
                hint: "Your backward's dx is off in the part that goes through the variance. Differentiate the node sq = xc² once more: what is its local derivative?",
                handlers: .batchNorm(HalfSquareGraphBatchNorm())),
        Mistake("batchnorm-graph-root-derivative", title: "graph backward with dσ² (σ² + ε) times too large: the power rule through the square root misapplied",
                hint: "Your backward's dx is off in the part that goes through the variance. Write s = (σ² + ε)^(1/2) and differentiate it: what is the exponent after the power rule?",
                handlers: .batchNorm(WrongRootDerivativeGraphBatchNorm())),
        Mistake("batchnorm-graph-missing-variance-branch", title: "graph backward without the branch through the variance (dσ²)",
                hint: "Your backward's dx misses a part that grows with x − μ. In the graph, xc = x − μ is used twice: in x̂ = xc/s and in σ² = mean(xc²). Did the gradient come back along both?",
                handlers: .batchNorm(VariancelessGraphBatchNorm())),
        Mistake("batchnorm-dx-missing-gamma", title: "dx computed from dout where dout·γ belongs",
                hint: "Your dgamma and dbeta are right, but dx is off by a factor per feature. Before the normalization is reached, which node of the graph did the gradient go through last?",
                handlers: .batchNorm(GammalessBackwardBatchNorm())),
    ]
}

/// A batch norm that is the reference except for the members a conforming type writes.
protocol BatchNormMistake: BatchNormLayer where Cache == BatchNorm.Cache {}

extension BatchNormMistake {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        BatchNorm().forward(x, gamma: gamma, beta: beta, mode: mode, state: &state)
    }
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        BatchNorm().backward(dout, cache: cache)
    }
    func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        BatchNorm().backwardAlt(dout, cache: cache)
    }

    /// Normalizes `x` with the given statistics and records the nodes in a cache.
    /// - Parameters:
    ///   - mean: subtracted from each row; broadcast to `(N, D)`.
    ///   - standardDeviation: what the centered rows are divided by; broadcast to `(D,)`.
    /// - Returns: `x̂ = (x − mean) / standardDeviation` and the cache `γ · x̂ + β` needs.
    func normalize(_ x: Tensor, mean: Tensor, standardDeviation: Tensor, gamma: Tensor)
        -> (normalized: Tensor, cache: Cache)
    {
        // Any forward pass of the reference yields a cache; every node is then replaced.
        var scratch = BatchNormState()
        var cache = BatchNorm().forward(x, gamma: gamma, beta: .zeros(like: gamma), mode: .train, state: &scratch).cache
        cache.centered = x - mean
        cache.standardDeviation = standardDeviation.broadcast(to: [x.shape[1]])
        cache.inverseStandardDeviation = 1 / cache.standardDeviation
        cache.normalized = cache.centered * cache.inverseStandardDeviation
        cache.gamma = gamma
        return (cache.normalized, cache)
    }
}

/// The running averages as the course defines them, from one batch's statistics.
/// - Parameter keeping: the share of the old averages that survives; the state's
///   momentum unless a mistake says otherwise.
func updateRunningAverages(_ state: inout BatchNormState, mean: Tensor, variance: Tensor, keeping: Double? = nil) {
    let features = [mean.shape.last ?? 1]
    let kept = keeping ?? state.momentum
    state.runningMean = kept * (state.runningMean ?? .zeros(features)) + (1 - kept) * mean
    state.runningVariance = kept * (state.runningVariance ?? .zeros(features)) + (1 - kept) * variance
}

/// Training mode divides the batch's squared deviations by `N − 1`, in the
/// normalization and in the running variance.
struct UnbiasedVarianceBatchNorm: BatchNormMistake {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        guard mode == .train else { return BatchNorm().forward(x, gamma: gamma, beta: beta, mode: mode, state: &state) }
        let mean = x.mean(axis: 0)
        let variance = x.variance(axis: 0, ddof: 1)
        updateRunningAverages(&state, mean: mean, variance: variance)
        let (normalized, cache) = normalize(x, mean: mean, standardDeviation: sqrt(variance + state.eps), gamma: gamma)
        return (gamma * normalized + beta, cache)
    }
}

/// Divides by `√σ² + ε`, in both modes.
struct EpsOutsideRootBatchNorm: BatchNormMistake {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let features = [x.shape[1]]
        let mean: Tensor, variance: Tensor
        switch mode {
        case .train:
            mean = x.mean(axis: 0)
            variance = x.variance(axis: 0)
            updateRunningAverages(&state, mean: mean, variance: variance)
        case .test:
            mean = state.runningMean ?? .zeros(features)
            variance = state.runningVariance ?? .zeros(features)
        }
        let (normalized, cache) = normalize(x, mean: mean, standardDeviation: sqrt(variance) + state.eps, gamma: gamma)
        return (gamma * normalized + beta, cache)
    }
}

/// `out = (x̂ + β) · γ`, in both modes; the backward passes are the reference's.
struct ShiftThenScaleBatchNorm: BatchNormMistake {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (_, cache) = BatchNorm().forward(x, gamma: gamma, beta: beta, mode: mode, state: &state)
        return ((cache.normalized + beta) * gamma, cache)
    }
}

/// `x.mean()` and `x.variance()` without an axis: one mean and one variance for the
/// whole batch, which the running averages then spread over every feature.
struct GlobalStatisticsBatchNorm: BatchNormMistake {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        guard mode == .train else { return BatchNorm().forward(x, gamma: gamma, beta: beta, mode: mode, state: &state) }
        let features = [x.shape[1]]
        let mean = x.mean(), variance = x.variance()                          // 0-d
        updateRunningAverages(&state, mean: mean.broadcast(to: features), variance: variance.broadcast(to: features))
        let (normalized, cache) = normalize(x, mean: mean, standardDeviation: sqrt(variance + state.eps), gamma: gamma)
        return (gamma * normalized + beta, cache)
    }
}

/// Test mode: `(x − runningMean) / √runningVariance`.
struct EpslessTestBatchNorm: BatchNormMistake {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        guard mode == .test else { return BatchNorm().forward(x, gamma: gamma, beta: beta, mode: mode, state: &state) }
        let features = [x.shape[1]]
        let mean = state.runningMean ?? .zeros(features), variance = state.runningVariance ?? .zeros(features)
        let (normalized, cache) = normalize(x, mean: mean, standardDeviation: sqrt(variance), gamma: gamma)
        return (gamma * normalized + beta, cache)
    }
}

/// Test mode normalizes with the test batch's own mean and variance (and leaves the
/// running averages alone).
struct BatchStatisticsAtTestBatchNorm: BatchNormMistake {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        guard mode == .test else { return BatchNorm().forward(x, gamma: gamma, beta: beta, mode: mode, state: &state) }
        let (normalized, cache) = normalize(x, mean: x.mean(axis: 0), standardDeviation: sqrt(x.variance(axis: 0) + state.eps),
                                            gamma: gamma)
        return (gamma * normalized + beta, cache)
    }
}

/// `running = (1 − momentum) · running + momentum · batch`.
struct SwappedMomentumBatchNorm: BatchNormMistake {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        guard mode == .train else { return BatchNorm().forward(x, gamma: gamma, beta: beta, mode: mode, state: &state) }
        let previous = state
        let result = BatchNorm().forward(x, gamma: gamma, beta: beta, mode: .train, state: &state)
        state = previous
        updateRunningAverages(&state, mean: x.mean(axis: 0), variance: x.variance(axis: 0), keeping: 1 - state.momentum)
        return result
    }
}

/// `backwardAlt` with `dx = γ · r / N · (N · dout − x̂ · dγ)`: the `− dβ` that comes
/// from the mean is gone.
struct MeanlessAltBatchNorm: BatchNormMistake {
    func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let (_, dgamma, dbeta) = BatchNorm().backwardAlt(dout, cache: cache)
        let dx = cache.gamma * cache.inverseStandardDeviation / n * (n * dout - cache.normalized * dgamma)
        return (dx, dgamma, dbeta)
    }
}

/// `backward` takes `dx̂ = dout`, forgetting the scale `γ` of node 8 (dγ and dβ do not
/// involve it, so they stay right).
struct GammalessBackwardBatchNorm: BatchNormMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        var unscaled = cache
        unscaled.gamma = .ones(cache.gamma.shape)
        return BatchNorm().backward(dout, cache: unscaled)
    }
}

/// The graph backward of docs/derivations.md §3.2, node by node, with the local
/// derivatives a mistake may get wrong as parameters.
/// - Parameters:
///   - meanPath: whether the gradient also flows back through `μ` (node 1).
///   - squareDerivative: the factor of `d(xc²)/dxc = 2·xc` (node 3); 0 leaves the branch
///     through `σ²` out.
///   - rootDerivative: `ds/dσ²` from `s` (node 5), `1 / (2s)`.
func graphBackward(_ dout: Tensor, cache: BatchNorm.Cache, meanPath: Bool = true, squareDerivative: Double = 2,
                   rootDerivative: (Tensor) -> Tensor = { 1 / (2 * $0) }) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
    let n = Double(dout.shape[0])
    let dbeta = dout.sum(axis: 0)
    let dgamma = (dout * cache.normalized).sum(axis: 0)
    let dnormalized = dout * cache.gamma
    let dcentered = dnormalized * cache.inverseStandardDeviation
    let dinverse = (dnormalized * cache.centered).sum(axis: 0)
    let dstandardDeviation = -dinverse / (cache.standardDeviation * cache.standardDeviation)
    let dvariance = dstandardDeviation * rootDerivative(cache.standardDeviation)
    let dcenteredTotal = dcentered + squareDerivative * cache.centered * (dvariance / n)
    guard meanPath else { return (dcenteredTotal, dgamma, dbeta) }
    let dmean = -dcenteredTotal.sum(axis: 0)
    return (dcenteredTotal + dmean / n, dgamma, dbeta)
}

/// `backward` stops at `xc = x − μ`: `dx = dxc`, nothing through `μ`.
struct MeanlessGraphBatchNorm: BatchNormMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        graphBackward(dout, cache: cache, meanPath: false)
    }
}

/// `backward` with `dsq/dxc = xc`: the variance's part of `dx` is halved.
struct HalfSquareGraphBatchNorm: BatchNormMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        graphBackward(dout, cache: cache, squareDerivative: 1)
    }
}

/// `backward` with `ds/dσ² = s / 2` (the exponent +1/2 kept after differentiating).
struct WrongRootDerivativeGraphBatchNorm: BatchNormMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        graphBackward(dout, cache: cache, rootDerivative: { $0 / 2 })
    }
}

/// `backward` with `dxc` from `x̂ = xc/s` only: nothing flows back through `σ²`.
struct VariancelessGraphBatchNorm: BatchNormMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        graphBackward(dout, cache: cache, squareDerivative: 0)
    }
}
