import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in layer normalization.

extension MistakeCatalog {
    /// Mistakes of the `layernorm` exercise.
    public static let layerNorm: [Mistake] = [
        Mistake("layernorm-batch-axis-statistics", title: "statistics over the batch axis (that is batch norm)",
                hint: "Your output is normalized down each column, across the examples of the batch. Layer norm normalizes each example on its own: over which axis are its statistics taken, and what shape do they have?",
                handlers: .layerNorm(BatchAxisLayerNorm())),
        Mistake("layernorm-parameter-gradients-per-sample", title: "dγ and dβ summed over each sample's features instead of over the batch",
                hint: "Your dgamma and dbeta have one entry per example. gamma and beta have one entry per feature and were applied to every row: which axis do their gradients sum over?",
                handlers: .layerNorm(PerSampleParameterGradientsLayerNorm())),
        Mistake("layernorm-batchnorm-shortcut", title: "batch norm's closed-form dx reused, with the parameter sums over the batch",
                hint: "Your dx reuses batch norm's simplified formula. That formula's sums run along the axis the statistics were taken over, which for batch norm is also the axis gamma is constant along. Is that still true in layer norm, and where must gamma go?",
                handlers: .layerNorm(BatchNormShortcutLayerNorm())),
        Mistake("layernorm-unbiased-variance", title: "unbiased variance (divides by D − 1)",
                hint: "Your per-sample variance divides by D − 1. Normalization layers use the biased variance, dividing by the number of values averaged: which number is that for one sample?",
                handlers: .layerNorm(UnbiasedVarianceLayerNorm())),
        Mistake("layernorm-backward-missing-mean-term", title: "dx without the term from the row's mean (−Σⱼ dx̂)",
                hint: "Your dx is off by the same amount across each row. Every x[i, j] also moves its row's mean: which term of dx carries that, and does yours have it?",
                handlers: .layerNorm(TermlessBackwardLayerNorm(meanTerm: false))),
        Mistake("layernorm-backward-missing-variance-term", title: "dx without the term from the row's variance (−x̂·Σⱼ dx̂·x̂)",
                hint: "Your dx misses a part that grows with x̂. Every x[i, j] also moves its row's variance: which term of dx carries that, and does yours have it?",
                handlers: .layerNorm(TermlessBackwardLayerNorm(varianceTerm: false))),
        Mistake("layernorm-backward-missing-gamma", title: "dx computed from dout where dx̂ = dout·γ belongs",
                hint: "Your dgamma and dbeta are right, but dx is not. The gradient reaches x̂ through γ·x̂: what is dx̂, and is that what your row sums add up?",
                handlers: .layerNorm(TermlessBackwardLayerNorm(gammaFactor: false))),
    ]
}

/// Normalizes each feature over the batch: batch norm's training pass, with no
/// running statistics to keep.
struct BatchAxisLayerNorm: LayerNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: BatchNorm.Cache) {
        var state = BatchNormState(eps: eps)
        return BatchNorm().forward(x, gamma: gamma, beta: beta, mode: .train, state: &state)
    }
    func backward(_ dout: Tensor, cache: BatchNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        BatchNorm().backward(dout, cache: cache)
    }
}

/// A layer norm that is the reference except for its `backward`.
protocol LayerNormBackwardMistake: LayerNormLayer where Cache == LayerNorm.Cache {}

extension LayerNormBackwardMistake {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        LayerNorm().forward(x, gamma: gamma, beta: beta, eps: eps)
    }
}

/// `dγ = Σ_row dout · x̂` and `dβ = Σ_row dout`, of shape `(N,)`.
struct PerSampleParameterGradientsLayerNorm: LayerNormBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (dx, _, _) = LayerNorm().backward(dout, cache: cache)
        return (dx, (dout * cache.normalized).sum(axis: 1), dout.sum(axis: 1))
    }
}

/// `dx = γ · r / D · (D · dout − dβ − x̂ · dγ)`, with `dγ`, `dβ` the parameters'
/// gradients (sums over the batch) where row sums of `dout · γ` belong.
struct BatchNormShortcutLayerNorm: LayerNormBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let d = Double(dout.shape[1])
        let (_, dgamma, dbeta) = LayerNorm().backward(dout, cache: cache)
        let dx = cache.gamma * cache.inverseStandardDeviation / d * (d * dout - dbeta - cache.normalized * dgamma)
        return (dx, dgamma, dbeta)
    }
}

/// Each row's variance divides by `D − 1`. Its values go into the reference's cache,
/// and the reference's backward runs on them.
struct UnbiasedVarianceLayerNorm: LayerNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: LayerNorm.Cache) {
        var (_, cache) = LayerNorm().forward(x, gamma: gamma, beta: beta, eps: eps)
        let mean = x.mean(axis: 1, keepDims: true)
        cache.inverseStandardDeviation = 1 / sqrt(x.variance(axis: 1, ddof: 1, keepDims: true) + eps)
        cache.normalized = (x - mean) * cache.inverseStandardDeviation
        return (gamma * cache.normalized + beta, cache)
    }
    func backward(_ dout: Tensor, cache: LayerNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        LayerNorm().backward(dout, cache: cache)
    }
}

/// The closed-form `dx = r/D · (D·dx̂ − Σⱼ dx̂ − x̂·Σⱼ dx̂·x̂)` with a part left out.
/// - Parameters:
///   - meanTerm: whether `−Σⱼ dx̂` (the path through the row's mean) is there.
///   - varianceTerm: whether `−x̂·Σⱼ dx̂·x̂` (the path through its variance) is there.
///   - gammaFactor: whether `dx̂ = dout·γ`, or `dout` alone.
struct TermlessBackwardLayerNorm: LayerNormBackwardMistake {
    var meanTerm = true
    var varianceTerm = true
    var gammaFactor = true

    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let d = Double(dout.shape[1])
        let (_, dgamma, dbeta) = LayerNorm().backward(dout, cache: cache)
        let xhat = cache.normalized
        let dxhat = gammaFactor ? dout * cache.gamma : dout
        var sum = d * dxhat
        if meanTerm { sum = sum - dxhat.sum(axis: 1, keepDims: true) }
        if varianceTerm { sum = sum - xhat * (dxhat * xhat).sum(axis: 1, keepDims: true) }
        return (cache.inverseStandardDeviation / d * sum, dgamma, dbeta)
    }
}
