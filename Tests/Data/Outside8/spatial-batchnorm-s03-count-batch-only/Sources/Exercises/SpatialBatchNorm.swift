import Curriculum
import TensorKit

/// Spatial batch norm computed directly over axes 0, 2 and 3 with (1, C, 1, 1) statistics.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        let xhat: Tensor
        let invStd: Tensor
        let gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let c = x.shape[1]
        let g = gamma.reshaped([1, c, 1, 1])
        let b = beta.reshaped([1, c, 1, 1])
        let mean: Tensor
        let variance: Tensor
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
        let m = Double(dout.shape[0])
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0, 2, 3])
        let dxhat = dout * cache.gamma
        let s1 = dxhat.sum(axes: [0, 2, 3], keepDims: true)
        let s2 = (dxhat * cache.xhat).sum(axes: [0, 2, 3], keepDims: true)
        let dx = cache.invStd / m * (m * dxhat - s1 - cache.xhat * s2)
        return (dx, dgamma, dbeta)
    }
}
