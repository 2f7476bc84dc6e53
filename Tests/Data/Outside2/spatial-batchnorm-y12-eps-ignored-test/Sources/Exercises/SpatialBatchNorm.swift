import Curriculum
import TensorKit

/// Exercise `spatial-batchnorm`: rearrange to `(N·H·W, C)`, batch-normalize columns,
/// rearrange back. Self-contained: the per-column batch norm is written here.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var shape: [Int]
        var xhat: Tensor     // (N·H·W, C)
        var invStd: Tensor   // (C,)
        var gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let c = x.shape[1]
        let columns = x.permuted([0, 2, 3, 1]).reshaped([-1, c])
        let mean: Tensor
        let variance: Tensor
        if mode == .train {
            mean = columns.mean(axis: 0)
            variance = columns.variance(axis: 0)
            let m = state.momentum
            state.runningMean = m * (state.runningMean ?? Tensor.zeros([c])) + (1 - m) * mean
            state.runningVariance = m * (state.runningVariance ?? Tensor.zeros([c])) + (1 - m) * variance
        } else {
            mean = state.runningMean ?? Tensor.zeros([c])
            variance = state.runningVariance ?? Tensor.zeros([c])
        }
        let invStd = mode == .train ? 1.0 / sqrt(variance + state.eps) : 1.0 / sqrt(variance)
        let xhat = (columns - mean) * invStd
        let outColumns = gamma * xhat + beta
        let (n, h, w) = (x.shape[0], x.shape[2], x.shape[3])
        let out = outColumns.reshaped([n, h, w, c]).permuted([0, 3, 1, 2])
        return (out, Cache(shape: x.shape, xhat: xhat, invStd: invStd, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (n, c, h, w) = (cache.shape[0], cache.shape[1], cache.shape[2], cache.shape[3])
        let doutColumns = dout.permuted([0, 2, 3, 1]).reshaped([-1, c])
        let count = Double(doutColumns.shape[0])
        let dbeta = doutColumns.sum(axis: 0)
        let dgamma = (doutColumns * cache.xhat).sum(axis: 0)
        let dxhat = doutColumns * cache.gamma
        let dxColumns = cache.invStd / count
            * (count * dxhat - dxhat.sum(axis: 0) - cache.xhat * (dxhat * cache.xhat).sum(axis: 0))
        let dx = dxColumns.reshaped([n, h, w, c]).permuted([0, 3, 1, 2])
        return (dx, dgamma, dbeta)
    }
}
