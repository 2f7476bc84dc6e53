import Curriculum
import TensorKit

/// Layer norm with keepDims row statistics.
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        var xhat: Tensor
        var invStd: Tensor
        var gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let mu = x.mean(axis: 1, keepDims: true)
        let variance = x.variance(axis: 1, keepDims: true)
        let invStd = 1.0 / sqrt(variance + eps)
        let xhat = (x - mu) * invStd
        return (xhat * gamma + beta, Cache(xhat: xhat, invStd: invStd, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let d = Double(dout.shape[1])
        let dxhat = dout * cache.gamma
        let dx = (cache.invStd / d) * (d * dxhat - dxhat.sum(axis: 1, keepDims: true)
            - cache.xhat * (dxhat * cache.xhat).sum(axis: 1, keepDims: true))
        return (dx, (dout * cache.xhat).sum(axis: 0), dout.sum(axis: 0))
    }
}
