import Curriculum
import Foundation
import TensorKit

/// Spatial batch norm written directly: per-channel statistics over axes (0, 2, 3) with
/// keepDims, gamma/beta read as (1, C, 1, 1), closed-form backward with M = N·H·W.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var xhat: Tensor    // (N, C, H, W)
        var std: Tensor     // (1, C, 1, 1)
        var gamma: Tensor   // (1, C, 1, 1)
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let c = x.shape[1]
        let g = gamma.reshaped([1, c, 1, 1])
        let b = beta.reshaped([1, c, 1, 1])
        let mean: Tensor, variance: Tensor
        switch mode {
        case .train:
            mean = x.mean(axes: [0, 2, 3], keepDims: true)
            variance = x.variance(axes: [0, 2, 3], keepDims: true)
            let k = state.momentum
            state.runningMean = k * (state.runningMean ?? Tensor.zeros([c])) + (1 - k) * mean.mean(axes: [0, 2, 3])
            state.runningVariance = k * (state.runningVariance ?? Tensor.zeros([c])) + (1 - k) * variance.mean(axes: [0, 2, 3])
        case .test:
            mean = (state.runningMean ?? Tensor.zeros([c])).reshaped([1, c, 1, 1])
            variance = (state.runningVariance ?? Tensor.zeros([c])).reshaped([1, c, 1, 1])
        }
        let std = sqrt(variance + state.eps)
        let xhat = (x - mean) / std
        return (g * xhat + b, Cache(xhat: xhat, std: std, gamma: g))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let m = Double(dout.count / dout.shape[1])
        let axes = [0, 2, 3]
        let dbeta = dout.sum(axes: axes, keepDims: true)
        let dgamma = (dout * cache.xhat).sum(axes: axes, keepDims: true)
        let dxhat = dout * cache.gamma
        let sum1 = dxhat.sum(axes: axes, keepDims: true)
        let sum2 = (dxhat * cache.xhat).sum(axes: axes, keepDims: true)
        let dx = (m * dxhat - sum1 - cache.xhat * sum2) / (m * cache.std)
        return (dx, dgamma, dbeta)
    }
}
