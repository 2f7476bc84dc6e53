import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in spatial batch normalization: each lays the images out as columns for
// the reference batch norm, and gets one of the moves there or back wrong.

extension MistakeCatalog {
    /// Mistakes of the `spatial-batchnorm` exercise.
    public static let spatialBatchNorm: [Mistake] = [
        Mistake("spatial-batchnorm-reshape-without-transpose", title: "(N, C, H, W) reshaped to (−1, C) without moving C last",
                hint: "Your columns do not hold one channel each. A reshape never moves values: in memory, what comes after x[n, c, h, w] — the next channel, or the next pixel? Which layout puts one channel in each column?",
                handlers: .spatialBatchNorm(ReshapedOnlySpatialBatchNorm())),
        Mistake("spatial-batchnorm-reshape-back-without-transpose", title: "output reshaped straight from (N·H·W, C) to (N, C, H, W)",
                hint: "Your statistics are right, but the output's values sit in the wrong places. The way into columns was a transpose and a reshape: what undoes that, and in which order?",
                handlers: .spatialBatchNorm(StraightBackSpatialBatchNorm())),
        Mistake("spatial-batchnorm-wrong-inverse-permutation", title: "the move to (N, H, W, C) undone by the same permutation (0, 2, 3, 1)",
                hint: "Your output does not come back as (N, C, H, W). Applying a permutation of the axes twice does not undo it in general: which permutation sends axis 3 back to position 1?",
                handlers: .spatialBatchNorm(RepeatedPermutationSpatialBatchNorm())),
        Mistake("spatial-batchnorm-dout-not-transposed", title: "backward reshapes dout to (−1, C) without moving C last",
                hint: "Your forward pass is right and your backward pass is not. dout arrives in the layout of the output: does the backward pass rearrange it exactly as the forward pass rearranged x?",
                handlers: .spatialBatchNorm(UntransposedGradientSpatialBatchNorm())),
        Mistake("spatial-batchnorm-backward-counts-batch-only", title: "backward counts N values per channel where there are N·H·W",
                hint: "Your forward pass is right and your dx is not, though dgamma and dbeta are. Each channel's mean and variance were taken over how many values? Does the backward formula divide by that same count?",
                handlers: .spatialBatchNorm(BatchCountSpatialBatchNorm())),
    ]
}

/// What the spatial batch-norm mistakes keep: the batch norm's cache over the columns,
/// and the images' shape.
struct ColumnsCache {
    var batchNorm: BatchNorm.Cache
    var shape: [Int]
}

/// The right move from images `(N, C, H, W)` to one column per channel `(N·H·W, C)`.
func channelColumns(_ images: Tensor) -> Tensor {
    images.transposed(0, 2, 3, 1).reshaped(-1, images.shape[1])
}

/// The right move back from `(N·H·W, C)` to images of `shape` `(N, C, H, W)`.
func images(_ columns: Tensor, shape: [Int]) -> Tensor {
    columns.reshaped(shape[0], shape[2], shape[3], shape[1]).transposed(0, 3, 1, 2)
}

/// `x.reshaped(-1, C)` on the way in and `reshaped(N, C, H, W)` on the way out, in both
/// passes: each "channel" column mixes channels and pixels.
struct ReshapedOnlySpatialBatchNorm: SpatialBatchNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: ColumnsCache) {
        let (columns, cache) = BatchNorm().forward(x.reshaped(-1, x.shape[1]), gamma: gamma, beta: beta,
                                                   mode: mode, state: &state)
        return (columns.reshaped(x.shape), ColumnsCache(batchNorm: cache, shape: x.shape))
    }
    func backward(_ dout: Tensor, cache: ColumnsCache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (dColumns, dgamma, dbeta) = BatchNorm().backward(dout.reshaped(-1, cache.shape[1]), cache: cache.batchNorm)
        return (dColumns.reshaped(cache.shape), dgamma, dbeta)
    }
}

/// The right columns, but the result reshaped straight back to `(N, C, H, W)`; the
/// backward pass copies the forward pass's moves, so `dx` is reshaped straight back too.
struct StraightBackSpatialBatchNorm: SpatialBatchNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: ColumnsCache) {
        let (columns, cache) = BatchNorm().forward(channelColumns(x), gamma: gamma, beta: beta, mode: mode, state: &state)
        return (columns.reshaped(x.shape), ColumnsCache(batchNorm: cache, shape: x.shape))
    }
    func backward(_ dout: Tensor, cache: ColumnsCache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (dColumns, dgamma, dbeta) = BatchNorm().backward(channelColumns(dout), cache: cache.batchNorm)
        return (dColumns.reshaped(cache.shape), dgamma, dbeta)
    }
}

/// Back from `(N, H, W, C)` with `transposed(0, 2, 3, 1)` again, which gives
/// `(N, W, C, H)`; the backward pass makes the same move on its way out.
struct RepeatedPermutationSpatialBatchNorm: SpatialBatchNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: ColumnsCache) {
        let (columns, cache) = BatchNorm().forward(channelColumns(x), gamma: gamma, beta: beta, mode: mode, state: &state)
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        return (columns.reshaped(n, h, w, c).transposed(0, 2, 3, 1), ColumnsCache(batchNorm: cache, shape: x.shape))
    }
    func backward(_ dout: Tensor, cache: ColumnsCache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (n, c, h, w) = (cache.shape[0], cache.shape[1], cache.shape[2], cache.shape[3])
        let (dColumns, dgamma, dbeta) = BatchNorm().backward(channelColumns(dout), cache: cache.batchNorm)
        return (dColumns.reshaped(n, h, w, c).transposed(0, 2, 3, 1), dgamma, dbeta)
    }
}

/// A right forward pass; the backward pass reshapes `dout` straight to `(−1, C)`.
struct UntransposedGradientSpatialBatchNorm: SpatialBatchNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: ColumnsCache) {
        let (columns, cache) = BatchNorm().forward(channelColumns(x), gamma: gamma, beta: beta, mode: mode, state: &state)
        return (images(columns, shape: x.shape), ColumnsCache(batchNorm: cache, shape: x.shape))
    }
    func backward(_ dout: Tensor, cache: ColumnsCache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (dColumns, dgamma, dbeta) = BatchNorm().backward(dout.reshaped(-1, cache.shape[1]), cache: cache.batchNorm)
        return (images(dColumns, shape: cache.shape), dgamma, dbeta)
    }
}

/// The closed-form backward with `N` where each channel's count `M = N·H·W` belongs:
/// `dx = r / N · (N · dx̂ − Σ dx̂ − x̂ · Σ dx̂·x̂)`, the sums over all `M` values. Its
/// first term is the reference's, `r · dx̂`; the rest is `M / N` times the reference's.
struct BatchCountSpatialBatchNorm: SpatialBatchNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: SpatialBatchNorm.Cache) {
        SpatialBatchNorm().forward(x, gamma: gamma, beta: beta, mode: mode, state: &state)
    }
    func backward(_ dout: Tensor, cache: SpatialBatchNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (dx, dgamma, dbeta) = SpatialBatchNorm().backward(dout, cache: cache)
        let perChannel = [1, cache.shape[1], 1, 1]
        let direct = dout * cache.batchNorm.gamma.reshaped(perChannel)
            * cache.batchNorm.inverseStandardDeviation.reshaped(perChannel)
        let ratio = Double(cache.shape[2] * cache.shape[3])
        return (direct + ratio * (dx - direct), dgamma, dbeta)
    }
}
