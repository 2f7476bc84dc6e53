import Curriculum
import TensorKit

/// Group norm by reshaping to (N, G, -1) and layer-norm statistics per row.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var xhat: Tensor
        var inverseStd: Tensor
        var gamma: Tensor
        var groups: Int
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let (n, c) = (x.shape[0], x.shape[1])
        if groups <= 0 || c % groups != 0 {
            shapeFailure("groupnorm: \(c) channels cannot be split into \(groups) groups")
        }
        let grouped = x.reshaped([n, groups, -1])
        let mu = grouped.mean(axis: 2, keepDims: true)
        let variance = grouped.variance(axis: 2, keepDims: true)
        let inverseStd = 1.0 / sqrt(variance + eps)
        let xhat = ((grouped - mu) * inverseStd).reshaped(x.shape)
        let out = gamma.reshaped([1, c, 1, 1]) * xhat + beta.reshaped([1, c, 1, 1])
        return (out, Cache(xhat: xhat, inverseStd: inverseStd, gamma: gamma, groups: groups))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (n, c) = (dout.shape[0], dout.shape[1])
        let dbeta = dout.sum(axes: [0, 2, 3])
        let dgamma = (dout * cache.xhat).sum(axes: [0, 2, 3])
        let dxhat = dout.reshaped([n, cache.groups, -1])
        let xhat = cache.xhat.reshaped([n, cache.groups, -1])
        let m = Double(xhat.shape[2])
        let sum1 = dxhat.sum(axis: 2, keepDims: true)
        let sum2 = (dxhat * xhat).sum(axis: 2, keepDims: true)
        let dx = cache.inverseStd / m * (m * dxhat - sum1 - xhat * sum2)
        return (dx.reshaped(dout.shape), dgamma, dbeta)
    }
}
