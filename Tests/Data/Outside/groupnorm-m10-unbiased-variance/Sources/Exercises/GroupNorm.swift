import Curriculum
import Foundation
import TensorKit

/// Group norm through the (N, G, M) view; gamma/beta read as (1, C, 1, 1).
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var xhat: Tensor     // (N, C, H, W)
        var std: Tensor      // √(σ² + eps) per (sample, group)
        var gamma: Tensor    // (1, C, 1, 1)
        var groups: Int
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let (n, c) = (x.shape[0], x.shape[1])
        if c % groups != 0 { shapeFailure("groupnorm: C = \(c) channels cannot be split into G = \(groups) equal groups") }
        let grouped = x.reshaped([n, groups, -1])
        let statAxes = [2]
        let mu = grouped.mean(axes: statAxes, keepDims: true)
        let variance = grouped.variance(axes: statAxes, ddof: 1, keepDims: true)
        let std = sqrt(variance + eps)
        let xhat = ((grouped - mu) / std).reshaped(x.shape)
        let g = gamma.reshaped([1, c, 1, 1])
        let b = beta.reshaped([1, c, 1, 1])
        return (g * xhat + b, Cache(xhat: xhat, std: std, gamma: g, groups: groups))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = dout.shape[0]
        let view = { (t: Tensor) -> Tensor in t.reshaped([n, cache.groups, -1]) }
        let groupAxes = [2]
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0, 2, 3])
        let dxhat = view(dout * cache.gamma)
        let xhat = view(cache.xhat)
        let m = Double(xhat.count) / Double(cache.std.count)   // values per group
        let sum1 = dxhat.sum(axes: groupAxes, keepDims: true)
        let sum2 = (dxhat * xhat).sum(axes: groupAxes, keepDims: true)
        let dx = (m * dxhat - sum1 - xhat * sum2) / (m * cache.std)
        return (dx.reshaped(dout.shape), dgamma, dbeta)
    }
}
