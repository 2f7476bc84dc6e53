import Curriculum
import TensorKit

/// Group norm by reshaping to (N, G, -1) and using layer norm's row statistics.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var xhat: Tensor      // (N, C, H, W)
        var invStd: Tensor    // (N, G, 1)
        var gamma: Tensor     // (1, C, 1, 1)
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
        let grouped = x.reshaped([n, c / groups, -1])
        let mu = grouped.mean(axis: 2, keepDims: true)
        let variance = grouped.variance(axis: 2, keepDims: true)
        let invStd = 1.0 / sqrt(variance + eps)
        let xhat = ((grouped - mu) * invStd).reshaped(x.shape)
        let g = gamma.reshaped([1, c, 1, 1])
        let out = g * xhat + beta.reshaped([1, c, 1, 1])
        return (out, Cache(xhat: xhat, invStd: invStd, gamma: g, groups: groups))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = dout.shape[0]
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0, 2, 3])
        let dxhat = (dout * cache.gamma).reshaped([n, dout.shape[1] / cache.groups, -1])
        let xhat = cache.xhat.reshaped([n, dout.shape[1] / cache.groups, -1])
        let m = Double(xhat.shape[2])
        let s1 = dxhat.sum(axis: 2, keepDims: true)
        let s2 = (dxhat * xhat).sum(axis: 2, keepDims: true)
        let dx = cache.invStd / m * (m * dxhat - s1 - xhat * s2)
        return (dx.reshaped(dout.shape), dgamma, dbeta)
    }
}
