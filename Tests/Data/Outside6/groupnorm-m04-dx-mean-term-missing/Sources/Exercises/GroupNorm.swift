import Curriculum
import TensorKit

/// Group norm by reshaping to (N, G, -1): each row is one group of one example.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var xhat: Tensor        // (N, C, H, W)
        var invStd: Tensor      // (N, G, 1)
        var gamma4: Tensor
        var groups: Int
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let (n, c) = (x.shape[0], x.shape[1])
        if c % groups != 0 {
            shapeFailure("groupnorm: \(c) channels cannot be split into \(groups) groups")
        }
        let grouped = x.reshaped([n, groups, -1])
        let mean = grouped.mean(axis: 2, keepDims: true)
        let centered = grouped - mean
        let variance = (centered * centered).mean(axis: 2, keepDims: true)
        let invStd = 1 / sqrt(variance + eps)
        let xhat = (centered * invStd).reshaped(x.shape)
        let gamma4 = gamma.reshaped([1, c, 1, 1])
        let out = xhat * gamma4 + beta.reshaped([1, c, 1, 1])
        return (out, Cache(xhat: xhat, invStd: invStd, gamma4: gamma4, groups: groups))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = dout.shape[0]
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0, 2, 3])
        let dxhat = (dout * cache.gamma4).reshaped([n, cache.groups, -1])
        let xhat = cache.xhat.reshaped([n, cache.groups, -1])
        let m = Double(xhat.shape[2])
        let dx = cache.invStd / m * (m * dxhat
            - xhat * (dxhat * xhat).sum(axis: 2, keepDims: true))
        return (dx.reshaped(dout.shape), dgamma, dbeta)
    }
}
