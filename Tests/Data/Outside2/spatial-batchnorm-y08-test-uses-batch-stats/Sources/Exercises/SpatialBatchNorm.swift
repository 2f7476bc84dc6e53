import Curriculum
import TensorKit

/// Exercise `spatial-batchnorm`: no rearrangement; statistics over axes 0, 2, 3 with
/// keepDims, so that `(1, C, 1, 1)` broadcasts over `(N, C, H, W)`.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var xhat: Tensor     // (N, C, H, W)
        var invStd: Tensor   // (1, C, 1, 1)
        var gamma4: Tensor   // (1, C, 1, 1)
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let c = x.shape[1]
        let axes = [0, 2, 3]
        var mean4: Tensor
        var var4: Tensor
        switch mode {
        case .train:
            mean4 = x.mean(axes: axes, keepDims: true)
            var4 = x.variance(axes: axes, keepDims: true)
            let mean = mean4.reshaped([c])
            let variance = var4.reshaped([c])
            let m = state.momentum
            let oldMean = state.runningMean ?? Tensor.zeros([c])
            let oldVar = state.runningVariance ?? Tensor.zeros([c])
            state.runningMean = m * oldMean + (1 - m) * mean
            state.runningVariance = m * oldVar + (1 - m) * variance
        case .test:
            mean4 = x.mean(axes: axes, keepDims: true)
            var4 = x.variance(axes: axes, keepDims: true)
        }
        let invStd = 1.0 / sqrt(var4 + state.eps)
        let xhat = (x - mean4) * invStd
        let gamma4 = gamma.reshaped([1, c, 1, 1])
        let out = gamma4 * xhat + beta.reshaped([1, c, 1, 1])
        return (out, Cache(xhat: xhat, invStd: invStd, gamma4: gamma4))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let axes = [0, 2, 3]
        let m = Double(dout.shape[0] * dout.shape[2] * dout.shape[3])
        let dbeta = dout.sum(axes: axes)
        let dgamma = (dout * cache.xhat).sum(axes: axes)
        let dxhat = dout * cache.gamma4
        let sum1 = dxhat.sum(axes: axes, keepDims: true)
        let sum2 = (dxhat * cache.xhat).sum(axes: axes, keepDims: true)
        let dx = cache.invStd / m * (m * dxhat - sum1 - cache.xhat * sum2)
        return (dx, dgamma, dbeta)
    }
}
