import Curriculum
import TensorKit

/// Exercise `groupnorm`: statistics in the (N, G, K) layout, staged backward
/// (dvar, dmean, then dx) instead of the compact formula.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var x: Tensor          // (N, G, K)
        var mean: Tensor       // (N, G, 1)
        var variance: Tensor   // (N, G, 1)
        var xhat: Tensor       // (N, C, H, W)
        var gamma: Tensor
        var eps: Double
        var shape: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let n = x.shape[0], c = x.shape[1]
        guard groups > 0, c % groups == 0 else {
            shapeFailure("groupnorm: C = \(c) is not a multiple of the number of groups G = \(groups)")
        }
        let grouped = x.reshaped([n, groups, -1])
        let mean = grouped.mean(axis: 2, keepDims: true)
        let centered = grouped - mean
        let variance = (centered * centered).mean(axis: 2, keepDims: true)
        let xhat = (centered / sqrt(variance + eps)).reshaped(x.shape)
        let out = xhat * gamma.reshaped([1, c, 1, 1]) + beta.reshaped([1, c, 1, 1])
        return (out, Cache(x: grouped, mean: mean, variance: variance, xhat: xhat, gamma: gamma, eps: eps, shape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let c = cache.shape[1]
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0, 2, 3])
        let dxhat = (dout * cache.gamma.reshaped([1, c, 1, 1])).reshaped(cache.x.shape)
        let k = Double(cache.x.shape[2])
        let centered = cache.x - cache.mean
        let ivar = 1.0 / sqrt(cache.variance + cache.eps)
        let dvar = (dxhat * centered).sum(axes: [1, 2], keepDims: true) * -0.5 * pow(cache.variance + cache.eps, -1.5)
        let dmean = -(dxhat * ivar).sum(axis: 2, keepDims: true) - 2.0 * dvar * centered.mean(axis: 2, keepDims: true)
        let dx = dxhat * ivar + dvar * 2.0 * centered / k + dmean / k
        return (dx.reshaped(cache.shape), dgamma, dbeta)
    }
}
