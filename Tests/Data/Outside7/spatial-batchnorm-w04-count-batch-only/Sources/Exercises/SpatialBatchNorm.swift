import Curriculum
import TensorKit

/// Spatial batch norm directly on (N, C, H, W), statistics over axes 0, 2, 3.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var xhat: Tensor
        var inverseStd: Tensor
        var gamma: Tensor
    }

    public init() {}

    private func channels(_ t: Tensor) -> Tensor {
        t.reshaped([1, t.count, 1, 1])
    }

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let c = x.shape[1]
        var mean: Tensor
        var variance: Tensor
        if mode == .train {
            mean = x.mean(axes: [0, 2, 3])
            variance = x.variance(axes: [0, 2, 3])
            let momentum = state.momentum
            state.runningMean = momentum * (state.runningMean ?? Tensor.zeros([c])) + (1 - momentum) * mean
            state.runningVariance = momentum * (state.runningVariance ?? Tensor.zeros([c])) + (1 - momentum) * variance
        } else {
            mean = state.runningMean ?? Tensor.zeros([c])
            variance = state.runningVariance ?? Tensor.zeros([c])
        }
        let inverseStd = 1.0 / sqrt(channels(variance) + state.eps)
        let xhat = (x - channels(mean)) * inverseStd
        let out = channels(gamma) * xhat + channels(beta)
        return (out, Cache(xhat: xhat, inverseStd: inverseStd, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let m = Double(dout.shape[0])
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0, 2, 3])
        let dxhat = dout * channels(cache.gamma)
        let sum1 = dxhat.sum(axes: [0, 2, 3], keepDims: true)
        let sum2 = (dxhat * cache.xhat).sum(axes: [0, 2, 3], keepDims: true)
        let dx = cache.inverseStd / m * (m * dxhat - sum1 - cache.xhat * sum2)
        return (dx, dgamma, dbeta)
    }
}
