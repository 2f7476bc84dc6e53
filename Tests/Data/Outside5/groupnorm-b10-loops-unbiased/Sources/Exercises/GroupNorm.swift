import Curriculum
import Foundation
import TensorKit

// Group norm with explicit loops over (n, g), on the flat scalars.
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
        guard groups > 0, c % groups == 0 else {
            shapeFailure("GroupNorm: C = \(c) is not a multiple of G = \(groups)")
        }
        let perGroup = c / groups * hw
        let xs = x.scalars
        let gs = gamma.scalars, bs = beta.scalars
        var xhat = [Double](repeating: 0, count: xs.count)
        var out = [Double](repeating: 0, count: xs.count)
        var invStd = [Double](repeating: 0, count: n * groups)
        for i in 0..<n {
            for g in 0..<groups {
                let start = (i * groups + g) * perGroup
                var mean = 0.0
                for k in 0..<perGroup { mean += xs[start + k] }
                mean /= Double(perGroup)
                var variance = 0.0
                for k in 0..<perGroup { variance += (xs[start + k] - mean) * (xs[start + k] - mean) }
                variance /= Double(perGroup - 1)
                let inv = 1 / (variance + eps).squareRoot()
                invStd[i * groups + g] = inv
                for k in 0..<perGroup {
                    let idx = start + k
                    let channel = (idx / hw) % c
                    xhat[idx] = (xs[idx] - mean) * inv
                    out[idx] = gs[channel] * xhat[idx] + bs[channel]
                }
            }
        }
        return (Tensor(shape: x.shape, scalars: out),
                Cache(shape: x.shape, groups: groups, xhat: xhat, invStd: invStd, gamma: gs))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = cache.shape[0], c = cache.shape[1], hw = cache.shape[2] * cache.shape[3]
        let groups = cache.groups
        let perGroup = c / groups * hw
        let g = dout.scalars
        var dgamma = [Double](repeating: 0, count: c)
        var dbeta = [Double](repeating: 0, count: c)
        var dx = [Double](repeating: 0, count: g.count)
        for idx in 0..<g.count {
            let channel = (idx / hw) % c
            dbeta[channel] += g[idx]
            dgamma[channel] += g[idx] * cache.xhat[idx]
        }
        for i in 0..<n {
            for grp in 0..<groups {
                let start = (i * groups + grp) * perGroup
                var sumD = 0.0, sumDX = 0.0
                for k in 0..<perGroup {
                    let idx = start + k
                    let dxh = g[idx] * cache.gamma[(idx / hw) % c]
                    sumD += dxh
                    sumDX += dxh * cache.xhat[idx]
                }
                let inv = cache.invStd[i * groups + grp]
                let m = Double(perGroup)
                for k in 0..<perGroup {
                    let idx = start + k
                    let dxh = g[idx] * cache.gamma[(idx / hw) % c]
                    dx[idx] = inv / m * (m * dxh - sumD - cache.xhat[idx] * sumDX)
                }
            }
        }
        return (Tensor(shape: cache.shape, scalars: dx),
                Tensor(shape: [c], scalars: dgamma), Tensor(shape: [c], scalars: dbeta))
    }
}
