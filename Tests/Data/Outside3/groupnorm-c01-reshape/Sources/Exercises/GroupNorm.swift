import Curriculum
import TensorKit

/// Exercise `groupnorm`: reshape to `(N, G, −1)`, per-row statistics.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var xhat: Tensor      // (N, C, H, W)
        var istd: Tensor      // (N, G, 1)
        var gamma4: Tensor    // (1, C, 1, 1)
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
        let mu = grouped.mean(axis: 2, keepDims: true)
        let variance = grouped.variance(axis: 2, keepDims: true)
        let istd = 1.0 / sqrt(variance + eps)
        let xhat = ((grouped - mu) * istd).reshaped(x.shape)
        let gamma4 = gamma.reshaped([1, c, 1, 1])
        let out = gamma4 * xhat + beta.reshaped([1, c, 1, 1])
        return (out, Cache(xhat: xhat, istd: istd, gamma4: gamma4, groups: groups))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = dout.shape[0]
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0, 2, 3])
        let dxhat = (dout * cache.gamma4).reshaped([n, cache.groups, -1])
        let xhat = cache.xhat.reshaped([n, cache.groups, -1])
        let m = Double(xhat.shape[2])
        let dx = cache.istd / m * (m * dxhat - dxhat.sum(axis: 2, keepDims: true)
                                   - xhat * (dxhat * xhat).sum(axis: 2, keepDims: true))
        return (dx.reshaped(dout.shape), dgamma, dbeta)
    }
}
