import Curriculum
import TensorKit

/// Group norm by reshaping to (N, G, -1).
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var xhat: Tensor
        var invStd: Tensor
        var gamma: Tensor
        var groups: Int
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let n = x.shape[0], c = x.shape[1]
        if c % groups != 0 {
            shapeFailure("groupnorm: \(c) channels cannot be split into \(groups) groups")
        }
        let rows = x.reshaped([n, groups, -1])
        let mu = rows.mean(axis: 2, keepDims: true)
        let variance = rows.variance(axis: 2, keepDims: true)
        let invStd = 1.0 / sqrt(variance + eps)
        let xhat = ((rows - mu) * invStd).reshaped(x.shape)
        let out = xhat * gamma.reshaped([1, c, 1, 1]) + beta.reshaped([1, c, 1, 1])
        return (out, Cache(xhat: xhat, invStd: invStd, gamma: gamma, groups: groups))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = dout.shape[0], c = dout.shape[1]
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0, 2, 3])
        let dxhat = (dout * cache.gamma.reshaped([1, c, 1, 1])).reshaped([n, cache.groups, -1])
        let xhat = cache.xhat.reshaped([n, cache.groups, -1])
        let m = Double(cache.groups)
        let dx = (cache.invStd / m) * (m * dxhat - dxhat.sum(axis: 2, keepDims: true)
            - xhat * (dxhat * xhat).sum(axis: 2, keepDims: true))
        return (dx.reshaped(dout.shape), dgamma, dbeta)
    }
}
