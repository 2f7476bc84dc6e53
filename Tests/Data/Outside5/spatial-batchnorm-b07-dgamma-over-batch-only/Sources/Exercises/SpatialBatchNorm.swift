import Curriculum
import TensorKit

/// Spatial batch norm reducing directly over axes (0, 2, 3); per-channel tensors are (1, C, 1, 1).
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var xhat: Tensor
        var invStd: Tensor   // (1, C, 1, 1)
        var gamma: Tensor    // (1, C, 1, 1)
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let c = x.shape[1]
        let g = gamma.reshaped([1, c, 1, 1])
        let b = beta.reshaped([1, c, 1, 1])
        var mean: Tensor
        var variance: Tensor
        if mode == .train {
            mean = x.mean(axes: [0, 2, 3])
            variance = x.variance(axes: [0, 2, 3])
            let mom = state.momentum
            state.runningMean = mom * (state.runningMean ?? Tensor.zeros([c])) + (1 - mom) * mean
            state.runningVariance = mom * (state.runningVariance ?? Tensor.zeros([c])) + (1 - mom) * variance
        } else {
            mean = state.runningMean ?? Tensor.zeros([c])
            variance = state.runningVariance ?? Tensor.zeros([c])
        }
        let invStd = (1.0 / sqrt(variance + state.eps)).reshaped([1, c, 1, 1])
        let xhat = (x - mean.reshaped([1, c, 1, 1])) * invStd
        return (g * xhat + b, Cache(xhat: xhat, invStd: invStd, gamma: g))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let m = Double(dout.count / dout.shape[1])
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0])
        let dxhat = dout * cache.gamma
        let sum1 = dxhat.sum(axes: [0, 2, 3], keepDims: true)
        let sum2 = (dxhat * cache.xhat).sum(axes: [0, 2, 3], keepDims: true)
        let dx = cache.invStd / m * (m * dxhat - sum1 - cache.xhat * sum2)
        return (dx, dgamma, dbeta)
    }
}
