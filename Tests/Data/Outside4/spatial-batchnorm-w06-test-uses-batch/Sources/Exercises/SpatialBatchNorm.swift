import Curriculum
import TensorKit

/// Exercise `spatial-batchnorm`, reducing over axes (0, 2, 3) directly with
/// `(1, C, 1, 1)` statistics.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        let xmu: Tensor
        let std: Tensor
        let xhat: Tensor
        let g: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let c = x.shape[1]
        let g = gamma.reshaped(1, c, 1, 1)
        let b = beta.reshaped(1, c, 1, 1)
        var mu: Tensor
        var variance: Tensor
        switch mode {
        case .train:
            mu = x.mean(axes: [0, 2, 3], keepDims: true)
            variance = x.variance(axes: [0, 2, 3], keepDims: true)
            let rm = state.runningMean ?? Tensor.zeros([c])
            let rv = state.runningVariance ?? Tensor.zeros([c])
            state.runningMean = state.momentum * rm + (1 - state.momentum) * mu.reshaped([c])
            state.runningVariance = state.momentum * rv + (1 - state.momentum) * variance.reshaped([c])
        case .test:
            mu = x.mean(axes: [0, 2, 3], keepDims: true)
            variance = x.variance(axes: [0, 2, 3], keepDims: true)
        }
        let xmu = x - mu
        let std = sqrt(variance + state.eps)
        let xhat = xmu / std
        return (g * xhat + b, Cache(xmu: xmu, std: std, xhat: xhat, g: g))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let c = dout.shape[1]
        let m = Double(dout.count / c)
        let axes = [0, 2, 3]
        let dbeta = dout.sum(axes: axes)
        let dgamma = (dout * cache.xhat).sum(axes: axes)
        let dxhat = dout * cache.g
        let dx = (m * dxhat - dxhat.sum(axes: axes, keepDims: true)
            - cache.xhat * (dxhat * cache.xhat).sum(axes: axes, keepDims: true)) / (m * cache.std)
        return (dx, dgamma, dbeta)
    }
}
