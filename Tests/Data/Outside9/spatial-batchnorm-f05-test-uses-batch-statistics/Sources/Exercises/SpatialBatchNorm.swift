import Curriculum
import TensorKit

/// Spatial batch norm directly over axes 0, 2, 3.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var xhat: Tensor
        var invStd: Tensor
        var gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let c = x.shape[1]
        let g = gamma.reshaped([1, c, 1, 1]), bt = beta.reshaped([1, c, 1, 1])
        var mean: Tensor
        var variance: Tensor
        if mode == .train {
            mean = x.mean(axes: [0, 2, 3])
            variance = x.variance(axes: [0, 2, 3])
            let m = state.momentum
            state.runningMean = m * (state.runningMean ?? Tensor.zeros(c)) + (1 - m) * mean
            state.runningVariance = m * (state.runningVariance ?? Tensor.zeros(c)) + (1 - m) * variance
        } else {
            mean = x.mean(axes: [0, 2, 3])
            variance = x.variance(axes: [0, 2, 3])
        }
        let invStd = (1.0 / sqrt(variance + state.eps)).reshaped([1, c, 1, 1])
        let xhat = (x - mean.reshaped([1, c, 1, 1])) * invStd
        return (xhat * g + bt, Cache(xhat: xhat, invStd: invStd, gamma: g))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let m = Double(dout.count / dout.shape[1])
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0, 2, 3])
        let dxhat = dout * cache.gamma
        let dx = (cache.invStd / m) * (m * dxhat - dxhat.sum(axes: [0, 2, 3], keepDims: true)
            - cache.xhat * (dxhat * cache.xhat).sum(axes: [0, 2, 3], keepDims: true))
        return (dx, dgamma, dbeta)
    }
}
