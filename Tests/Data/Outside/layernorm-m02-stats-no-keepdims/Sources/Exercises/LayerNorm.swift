import Curriculum
import Foundation
import TensorKit

/// Layer norm with per-row statistics (axis 1, keepDims); closed-form backward per row.
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        var xhat: Tensor    // (N, D)
        var std: Tensor     // √(σ² + eps), (N, 1)
        var gamma: Tensor   // (D,)
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let mu = x.mean(axis: 1)
        let variance = x.variance(axis: 1)
        let std = sqrt(variance + eps)
        let xhat = (x - mu) / std
        let out = gamma * xhat + beta
        return (out, Cache(xhat: xhat, std: std, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let d = Double(dout.shape[1])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let sumDxhat = dxhat.sum(axis: 1, keepDims: true)
        let sumDxhatXhat = (dxhat * cache.xhat).sum(axis: 1, keepDims: true)
        let dx = (d * dxhat - sumDxhat - cache.xhat * sumDxhatXhat) / (d * cache.std)
        return (dx, dgamma, dbeta)
    }
}
