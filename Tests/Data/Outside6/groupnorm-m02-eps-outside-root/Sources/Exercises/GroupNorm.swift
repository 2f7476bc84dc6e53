import Curriculum
import TensorKit

/// Group norm with explicit loops over examples, groups, channels and pixels.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var xhat: [Double]
        var invStd: [Double]    // one per (n, g)
        var gamma: [Double]
        var shape: [Int]
        var groups: Int
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        guard c % groups == 0 else {
            shapeFailure("groupnorm: C = \(c) is not a multiple of G = \(groups)")
        }
        let perGroup = c / groups
        let plane = h * w
        let block = perGroup * plane
        let xs = x.scalars, gs = gamma.scalars, bs = beta.scalars
        var xhat = [Double](repeating: 0, count: xs.count)
        var out = [Double](repeating: 0, count: xs.count)
        var invStd = [Double](repeating: 0, count: n * groups)
        for i in 0..<n {
            for g in 0..<groups {
                let start = (i * c + g * perGroup) * plane
                var total = 0.0
                for k in 0..<block { total += xs[start + k] }
                let mean = total / Double(block)
                var squares = 0.0
                for k in 0..<block { squares += (xs[start + k] - mean) * (xs[start + k] - mean) }
                let inv = 1 / ((squares / Double(block)).squareRoot() + eps)
                invStd[i * groups + g] = inv
                for k in 0..<block {
                    let channel = g * perGroup + k / plane
                    xhat[start + k] = (xs[start + k] - mean) * inv
                    out[start + k] = gs[channel] * xhat[start + k] + bs[channel]
                }
            }
        }
        return (Tensor(shape: x.shape, scalars: out),
                Cache(xhat: xhat, invStd: invStd, gamma: gs, shape: x.shape, groups: groups))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (n, c, h, w) = (cache.shape[0], cache.shape[1], cache.shape[2], cache.shape[3])
        let groups = cache.groups
        let perGroup = c / groups
        let plane = h * w
        let block = perGroup * plane
        let g = dout.scalars
        var dgamma = [Double](repeating: 0, count: c)
        var dbeta = [Double](repeating: 0, count: c)
        var dx = [Double](repeating: 0, count: g.count)
        for i in 0..<n {
            for ch in 0..<c {
                for p in 0..<plane {
                    let index = (i * c + ch) * plane + p
                    dbeta[ch] += g[index]
                    dgamma[ch] += g[index] * cache.xhat[index]
                }
            }
            for grp in 0..<groups {
                let start = (i * c + grp * perGroup) * plane
                var sumD = 0.0, sumDX = 0.0
                for k in 0..<block {
                    let channel = grp * perGroup + k / plane
                    let dxhat = g[start + k] * cache.gamma[channel]
                    sumD += dxhat
                    sumDX += dxhat * cache.xhat[start + k]
                }
                let inv = cache.invStd[i * groups + grp]
                let m = Double(block)
                for k in 0..<block {
                    let channel = grp * perGroup + k / plane
                    let dxhat = g[start + k] * cache.gamma[channel]
                    dx[start + k] = inv / m * (m * dxhat - sumD - cache.xhat[start + k] * sumDX)
                }
            }
        }
        return (Tensor(shape: cache.shape, scalars: dx),
                Tensor(shape: [c], scalars: dgamma), Tensor(shape: [c], scalars: dbeta))
    }
}
