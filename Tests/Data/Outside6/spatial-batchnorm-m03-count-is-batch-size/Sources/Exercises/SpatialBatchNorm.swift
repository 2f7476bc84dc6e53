import Curriculum
import TensorKit

/// Spatial batch norm reducing over axes (0, 2, 3) directly, statistics kept as
/// (1, C, 1, 1) for broadcasting.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var xhat: Tensor
        var invStd: Tensor
        var gamma4: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let c = x.shape[1]
        let axes = [0, 2, 3]
        let gamma4 = gamma.reshaped([1, c, 1, 1])
        let beta4 = beta.reshaped([1, c, 1, 1])
        let mean: Tensor
        let variance: Tensor
        if mode == .train {
            mean = x.mean(axes: axes)
            variance = x.variance(axes: axes)
            let runningMean = state.runningMean ?? Tensor.zeros([c])
            let runningVariance = state.runningVariance ?? Tensor.zeros([c])
            state.runningMean = state.momentum * runningMean + (1 - state.momentum) * mean
            state.runningVariance = state.momentum * runningVariance + (1 - state.momentum) * variance
        } else {
            mean = state.runningMean ?? Tensor.zeros([c])
            variance = state.runningVariance ?? Tensor.zeros([c])
        }
        let invStd = (1 / sqrt(variance + state.eps)).reshaped([1, c, 1, 1])
        let xhat = (x - mean.reshaped([1, c, 1, 1])) * invStd
        return (gamma4 * xhat + beta4, Cache(xhat: xhat, invStd: invStd, gamma4: gamma4))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let axes = [0, 2, 3]
        let m = Double(dout.shape[0])
        let dbeta = dout.sum(axes: axes)
        let dgamma = (dout * cache.xhat).sum(axes: axes)
        let dxhat = dout * cache.gamma4
        let dx = cache.invStd / m * (m * dxhat - dxhat.sum(axes: axes, keepDims: true)
            - cache.xhat * (dxhat * cache.xhat).sum(axes: axes, keepDims: true))
        return (dx, dgamma, dbeta)
    }
}
