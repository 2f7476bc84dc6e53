import Curriculum
import Foundation
import TensorKit

/// Batch norm of an (M, C) matrix, column by column: a private copy of the batch-norm
/// core so that this file does not depend on the batchnorm exercise.
fileprivate enum ChannelNorm {
    struct Cache {
        var xhat: Tensor
        var std: Tensor
        var gamma: Tensor
    }

    static func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (Tensor, Cache) {
        let c = x.shape[1]
        let mean: Tensor, variance: Tensor
        if mode == .train {
            mean = x.mean(axis: 0)
            variance = x.variance(axis: 0)
            let m = state.momentum
            state.runningMean = m * (state.runningMean ?? Tensor.zeros([c])) + (1 - m) * mean
            state.runningVariance = m * (state.runningVariance ?? Tensor.zeros([c])) + (1 - m) * variance
        } else {
            mean = x.mean(axis: 0)
            variance = x.variance(axis: 0)
        }
        let std = sqrt(variance + state.eps)
        let xhat = (x - mean) / std
        return (gamma * xhat + beta, Cache(xhat: xhat, std: std, gamma: gamma))
    }

    static func backward(_ dout: Tensor, _ cache: Cache) -> (Tensor, Tensor, Tensor) {
        let m = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dx = cache.gamma / (m * cache.std) * (m * dout - dbeta - cache.xhat * dgamma)
        return (dx, dgamma, dbeta)
    }
}

/// Spatial batch norm: move C last, flatten to (N·H·W, C), batch-normalize, undo.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        fileprivate var inner: ChannelNorm.Cache
        var shape: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let rows = x.transposed(0, 2, 3, 1).reshaped([n * h * w, c])
        let (y, inner) = ChannelNorm.forward(rows, gamma: gamma, beta: beta, mode: mode, state: &state)
        let out = y.reshaped([n, h, w, c]).transposed(0, 3, 1, 2)
        return (out, Cache(inner: inner, shape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (n, c, h, w) = (cache.shape[0], cache.shape[1], cache.shape[2], cache.shape[3])
        let doutRows = dout.permuted([0, 2, 3, 1]).reshaped([n * h * w, c])
        let (dxRows, dgamma, dbeta) = ChannelNorm.backward(doutRows, cache.inner)
        let dx = dxRows.reshaped([n, h, w, c]).permuted([0, 3, 1, 2])
        return (dx, dgamma, dbeta)
    }
}
