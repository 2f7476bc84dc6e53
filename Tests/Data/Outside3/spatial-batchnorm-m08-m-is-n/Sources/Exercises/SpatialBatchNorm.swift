import Curriculum
import TensorKit

/// Exercise `spatial-batchnorm`: reduces over axes 0, 2 and 3 directly, without
/// rearranging `x`.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var xhat: Tensor        // (N, C, H, W)
        var invStd: Tensor      // (1, C, 1, 1)
        var gamma4: Tensor      // (1, C, 1, 1)
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let c = x.shape[1]
        let axes = [0, 2, 3]
        var mean: Tensor
        var variance: Tensor
        if mode == .train {
            mean = x.mean(axes: axes)                      // (C,)
            variance = x.variance(axes: axes)              // (C,)
            let m = state.momentum
            state.runningMean = m * (state.runningMean ?? .zeros([c])) + (1 - m) * mean
            state.runningVariance = m * (state.runningVariance ?? .zeros([c])) + (1 - m) * variance
        } else {
            mean = state.runningMean ?? .zeros([c])
            variance = state.runningVariance ?? .zeros([c])
        }
        let mean4 = mean.reshaped([1, c, 1, 1])
        let invStd = (1.0 / sqrt(variance + state.eps)).reshaped([1, c, 1, 1])
        let xhat = (x - mean4) * invStd
        let gamma4 = gamma.reshaped([1, c, 1, 1])
        let out = gamma4 * xhat + beta.reshaped([1, c, 1, 1])
        return (out, Cache(xhat: xhat, invStd: invStd, gamma4: gamma4))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let axes = [0, 2, 3]
        let shape = dout.shape
        let m = Double(shape[0])
        let dbeta = dout.sum(axes: axes)
        let dgamma = (dout * cache.xhat).sum(axes: axes)
        let dxhat = dout * cache.gamma4
        let sumDxhat = dxhat.sum(axes: axes, keepDims: true)
        let sumDxhatXhat = (dxhat * cache.xhat).sum(axes: axes, keepDims: true)
        let dx = cache.invStd / m * (m * dxhat - sumDxhat - cache.xhat * sumDxhatXhat)
        return (dx, dgamma, dbeta)
    }
}
