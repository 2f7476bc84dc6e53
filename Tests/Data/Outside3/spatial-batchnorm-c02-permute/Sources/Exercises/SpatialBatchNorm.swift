import Curriculum
import TensorKit

// Moves the channels last, (N, C, H, W) → (N, H, W, C) → (N·H·W, C), batch-normalizes
// the columns, and undoes the moves in reverse order.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    public struct Cache {
        let shape: [Int]
        let columns: SpatialColumnCache
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let rows = x.permuted([0, 2, 3, 1]).reshaped([n * h * w, c])
        let (normalized, columns) = batchNormColumns(rows, gamma: gamma, beta: beta, mode: mode, state: &state)
        let out = normalized.reshaped([n, h, w, c]).permuted([0, 3, 1, 2])
        return (out, Cache(shape: x.shape, columns: columns))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (n, c, h, w) = (cache.shape[0], cache.shape[1], cache.shape[2], cache.shape[3])
        let rows = dout.permuted([0, 2, 3, 1]).reshaped([n * h * w, c])
        let (drows, dgamma, dbeta) = batchNormColumnsBackward(rows, cache: cache.columns)
        let dx = drows.reshaped([n, h, w, c]).permuted([0, 3, 1, 2])
        return (dx, dgamma, dbeta)
    }
}

/// What the column-wise batch norm keeps.
struct SpatialColumnCache {
    let xhat: Tensor
    let invStd: Tensor
    let gamma: Tensor
}

/// Vanilla batch norm of the columns of an `(M, C)` matrix.
private func batchNormColumns(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                              state: inout BatchNormState) -> (Tensor, SpatialColumnCache) {
    let c = x.shape[1]
    let mean: Tensor
    let variance: Tensor
    switch mode {
    case .train:
        mean = x.mean(axis: 0)
        variance = x.variance(axis: 0)
        let momentum = state.momentum
        state.runningMean = momentum * (state.runningMean ?? .zeros([c])) + (1 - momentum) * mean
        state.runningVariance = momentum * (state.runningVariance ?? .zeros([c])) + (1 - momentum) * variance
    case .test:
        mean = state.runningMean ?? .zeros([c])
        variance = state.runningVariance ?? .zeros([c])
    }
    let invStd = 1.0 / sqrt(variance + state.eps)
    let xhat = (x - mean) * invStd
    return (gamma * xhat + beta, SpatialColumnCache(xhat: xhat, invStd: invStd, gamma: gamma))
}

private func batchNormColumnsBackward(_ dout: Tensor, cache: SpatialColumnCache) -> (Tensor, Tensor, Tensor) {
    let m = Double(dout.shape[0])
    let dbeta = dout.sum(axis: 0)
    let dgamma = (dout * cache.xhat).sum(axis: 0)
    let dxhat = dout * cache.gamma
    let dx = cache.invStd / m * (m * dxhat - dxhat.sum(axis: 0) - cache.xhat * (dxhat * cache.xhat).sum(axis: 0))
    return (dx, dgamma, dbeta)
}
