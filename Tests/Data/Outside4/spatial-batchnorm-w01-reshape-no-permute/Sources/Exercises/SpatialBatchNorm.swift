import Curriculum
import TensorKit

/// Exercise `spatial-batchnorm`: permute channels last, batch-normalize the columns of
/// an `(N·H·W, C)` matrix with a private column batch norm, and permute back.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        var xhat: Tensor
        var invStd: Tensor
        var gamma: Tensor
        var shape: [Int]
    }

    public init() {}

    private func toColumns(_ t: Tensor) -> Tensor {
        let c = t.shape[1]
        return t.reshaped([-1, c])
    }

    private func fromColumns(_ t: Tensor, shape: [Int]) -> Tensor {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        return t.reshaped([n, c, h, w])
    }

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let cols = toColumns(x)
        let c = x.shape[1]
        let mean: Tensor
        let variance: Tensor
        if mode == .train {
            mean = cols.mean(axis: 0)
            variance = cols.variance(axis: 0)
            let mom = state.momentum
            state.runningMean = mom * (state.runningMean ?? Tensor.zeros(c)) + (1 - mom) * mean
            state.runningVariance = mom * (state.runningVariance ?? Tensor.zeros(c)) + (1 - mom) * variance
        } else {
            mean = state.runningMean ?? Tensor.zeros(c)
            variance = state.runningVariance ?? Tensor.zeros(c)
        }
        let invStd = 1 / sqrt(variance + state.eps)
        let xhat = (cols - mean) * invStd
        let out = fromColumns(xhat * gamma + beta, shape: x.shape)
        return (out, Cache(xhat: xhat, invStd: invStd, gamma: gamma, shape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let g = toColumns(dout)
        let m = Double(g.shape[0])
        let dbeta = g.sum(axis: 0)
        let dgamma = (g * cache.xhat).sum(axis: 0)
        let dxhat = g * cache.gamma
        let dcols = cache.invStd / m
            * (m * dxhat - dxhat.sum(axis: 0) - cache.xhat * (dxhat * cache.xhat).sum(axis: 0))
        return (fromColumns(dcols, shape: cache.shape), dgamma, dbeta)
    }
}
