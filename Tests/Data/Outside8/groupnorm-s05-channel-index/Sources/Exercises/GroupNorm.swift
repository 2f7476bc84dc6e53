import Curriculum
import TensorKit

/// Group norm with loops over raw arrays, group by group.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        let shape: [Int]
        let groups: Int
        let xhat: [Double]
        let invStd: [Double]   // one per (n, g)
        let gamma: [Double]
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
        let xs = x.scalars, gs = gamma.scalars, bs = beta.scalars
        var xhat = [Double](repeating: 0, count: xs.count)
        var out = [Double](repeating: 0, count: xs.count)
        var invStd = [Double](repeating: 0, count: n * groups)
        let size = Double(cpg * hw)
        for i in 0..<n {
            for g in 0..<groups {
                let start = (i * c + g * cpg) * hw
                let end = start + cpg * hw
                var sum = 0.0
                for k in start..<end { sum += xs[k] }
                let mean = sum / size
                var sq = 0.0
                for k in start..<end { sq += (xs[k] - mean) * (xs[k] - mean) }
                let inv = 1.0 / (sq / size + eps).squareRoot()
                invStd[i * groups + g] = inv
                for k in start..<end {
                    let ch = k % c
                    xhat[k] = (xs[k] - mean) * inv
                    out[k] = gs[ch] * xhat[k] + bs[ch]
                }
            }
        }
        return (Tensor(shape: x.shape, scalars: out),
                Cache(shape: x.shape, groups: groups, xhat: xhat, invStd: invStd, gamma: gs))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = cache.shape[0], c = cache.shape[1], hw = cache.shape[2] * cache.shape[3]
        let groups = cache.groups
        let cpg = c / groups
        let g0 = dout.scalars
        var dgamma = [Double](repeating: 0, count: c)
        var dbeta = [Double](repeating: 0, count: c)
        var dx = [Double](repeating: 0, count: g0.count)
        for k in 0..<g0.count {
            let ch = k % c
            dgamma[ch] += g0[k] * cache.xhat[k]
            dbeta[ch] += g0[k]
        }
        let m = Double(cpg * hw)
        for i in 0..<n {
            for g in 0..<groups {
                let start = (i * c + g * cpg) * hw
                let end = start + cpg * hw
                var s1 = 0.0, s2 = 0.0
                for k in start..<end {
                    let dxh = g0[k] * cache.gamma[(k / hw) % c]
                    s1 += dxh
                    s2 += dxh * cache.xhat[k]
                }
                let inv = cache.invStd[i * groups + g]
                for k in start..<end {
                    let dxh = g0[k] * cache.gamma[(k / hw) % c]
                    dx[k] = inv / m * (m * dxh - s1 - cache.xhat[k] * s2)
                }
            }
        }
        return (Tensor(shape: cache.shape, scalars: dx), Tensor(shape: [c], scalars: dgamma), Tensor(shape: [c], scalars: dbeta))
    }
}
