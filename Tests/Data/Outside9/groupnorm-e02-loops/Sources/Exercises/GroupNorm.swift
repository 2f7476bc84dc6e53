import Curriculum
import TensorKit

/// Group norm with loops over raw arrays.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var xhat: [Double]
        var invStd: [Double]
        var gamma: [Double]
        var shape: [Int]
        var groups: Int
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let n = x.shape[0], c = x.shape[1], hw = x.shape[2] * x.shape[3]
        guard c % groups == 0 else {
            shapeFailure("groupnorm: C = \(c) is not a multiple of G = \(groups)")
        }
        let cpg = c / groups
        let size = cpg * hw
        let xs = x.scalars
        var xhat = [Double](repeating: 0, count: xs.count)
        var out = xhat
        var invStd = [Double](repeating: 0, count: n * groups)
        for i in 0..<n {
            for g in 0..<groups {
                let start = (i * c + g * cpg) * hw
                var mean = 0.0
                for k in start..<(start + size) { mean += xs[k] }
                mean /= Double(size)
                var v = 0.0
                for k in start..<(start + size) { v += (xs[k] - mean) * (xs[k] - mean) }
                v /= Double(size)
                let inv = 1 / (v + eps).squareRoot()
                invStd[i * groups + g] = inv
                for k in start..<(start + size) {
                    let ch = (k / hw) % c
                    xhat[k] = (xs[k] - mean) * inv
                    out[k] = gamma.scalars[ch] * xhat[k] + beta.scalars[ch]
                }
            }
        }
        return (Tensor(shape: x.shape, scalars: out),
                Cache(xhat: xhat, invStd: invStd, gamma: gamma.scalars, shape: x.shape, groups: groups))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = cache.shape[0], c = cache.shape[1], hw = cache.shape[2] * cache.shape[3]
        let groups = cache.groups
        let cpg = c / groups
        let size = cpg * hw
        let g = dout.scalars
        var dx = [Double](repeating: 0, count: g.count)
        var dgamma = [Double](repeating: 0, count: c)
        var dbeta = [Double](repeating: 0, count: c)
        for k in 0..<g.count {
            let ch = (k / hw) % c
            dgamma[ch] += g[k] * cache.xhat[k]
            dbeta[ch] += g[k]
        }
        for i in 0..<n {
            for gr in 0..<groups {
                let start = (i * c + gr * cpg) * hw
                var s1 = 0.0, s2 = 0.0
                for k in start..<(start + size) {
                    let d = g[k] * cache.gamma[(k / hw) % c]
                    s1 += d
                    s2 += d * cache.xhat[k]
                }
                let inv = cache.invStd[i * groups + gr]
                for k in start..<(start + size) {
                    let d = g[k] * cache.gamma[(k / hw) % c]
                    dx[k] = inv / Double(size) * (Double(size) * d - s1 - cache.xhat[k] * s2)
                }
            }
        }
        return (Tensor(shape: cache.shape, scalars: dx), Tensor(shape: [c], scalars: dgamma),
                Tensor(shape: [c], scalars: dbeta))
    }
}
