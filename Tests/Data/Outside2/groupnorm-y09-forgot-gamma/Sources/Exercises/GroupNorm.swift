import Curriculum
import TensorKit

/// Exercise `groupnorm`: group normalization of images `(N, C, H, W)`.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var shape: [Int]
        var groups: Int
        var xhat: Tensor      // (N, C, H, W)
        var invStd: Tensor    // (N, G, 1)
        var gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let (n, c) = (x.shape[0], x.shape[1])
        if groups <= 0 || c % groups != 0 {
            shapeFailure("groupnorm: \(c) channels cannot be split into \(groups) groups (C must be a multiple of G)")
        }
        let grouped = x.reshaped([n, groups, -1])
        let mu = grouped.mean(axis: 2, keepDims: true)
        let variance = grouped.variance(axis: 2, keepDims: true)
        let invStd = 1.0 / sqrt(variance + eps)
        let xhat = ((grouped - mu) * invStd).reshaped(x.shape)
        let out = gamma.reshaped([1, c, 1, 1]) * xhat + beta.reshaped([1, c, 1, 1])
        return (out, Cache(shape: x.shape, groups: groups, xhat: xhat, invStd: invStd, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (n, c) = (cache.shape[0], cache.shape[1])
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0, 2, 3])
        let dxhat = dout.reshaped([n, cache.groups, -1])
        let xhat = cache.xhat.reshaped([n, cache.groups, -1])
        let m = Double(dxhat.shape[2])
        let dx = cache.invStd / m
            * (m * dxhat - dxhat.sum(axis: 2, keepDims: true) - xhat * (dxhat * xhat).sum(axis: 2, keepDims: true))
        return (dx.reshaped(cache.shape), dgamma, dbeta)
    }
}
