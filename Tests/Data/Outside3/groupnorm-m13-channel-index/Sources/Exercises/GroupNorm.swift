import Curriculum
import Foundation
import TensorKit

// Loops over samples and groups and works on the raw scalars of each group's block.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        let shape: [Int]
        let groups: Int
        let xhat: [Double]
        let inverseStd: [Double]   // one per (sample, group)
        let gamma: [Double]
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        guard c % groups == 0 else {
            shapeFailure("groupnorm: C = \(c) is not a multiple of groups = \(groups)")
        }
        let plane = h * w
        let block = (c / groups) * plane     // values per group of one sample
        let xs = x.scalars
        var xhat = [Double](repeating: 0, count: xs.count)
        var out = [Double](repeating: 0, count: xs.count)
        var inverseStd = [Double](repeating: 0, count: n * groups)
        for s in 0..<n {
            for g in 0..<groups {
                let start = (s * groups + g) * block
                var mean = 0.0
                for i in start..<(start + block) { mean += xs[i] }
                mean /= Double(block)
                var variance = 0.0
                for i in start..<(start + block) { variance += (xs[i] - mean) * (xs[i] - mean) }
                variance /= Double(block)
                let inv = 1 / (variance + eps).squareRoot()
                inverseStd[s * groups + g] = inv
                for i in start..<(start + block) {
                    let channel = (i / plane) % (c / groups)
                    xhat[i] = (xs[i] - mean) * inv
                    out[i] = gamma.scalars[channel] * xhat[i] + beta.scalars[channel]
                }
            }
        }
        let cache = Cache(shape: x.shape, groups: groups, xhat: xhat, inverseStd: inverseStd,
                          gamma: gamma.scalars)
        return (Tensor(shape: x.shape, scalars: out), cache)
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (n, c, h, w) = (cache.shape[0], cache.shape[1], cache.shape[2], cache.shape[3])
        let groups = cache.groups
        let plane = h * w
        let block = (c / groups) * plane
        let g = dout.scalars
        var dgamma = [Double](repeating: 0, count: c)
        var dbeta = [Double](repeating: 0, count: c)
        var dx = [Double](repeating: 0, count: g.count)
        for i in 0..<g.count {
            let channel = (i / plane) % c
            dbeta[channel] += g[i]
            dgamma[channel] += g[i] * cache.xhat[i]
        }
        let m = Double(block)
        for s in 0..<n {
            for k in 0..<groups {
                let start = (s * groups + k) * block
                var sumD = 0.0, sumDX = 0.0
                for i in start..<(start + block) {
                    let dxhat = g[i] * cache.gamma[(i / plane) % c]
                    sumD += dxhat
                    sumDX += dxhat * cache.xhat[i]
                }
                let inv = cache.inverseStd[s * groups + k]
                for i in start..<(start + block) {
                    let dxhat = g[i] * cache.gamma[(i / plane) % c]
                    dx[i] = inv / m * (m * dxhat - sumD - cache.xhat[i] * sumDX)
                }
            }
        }
        return (Tensor(shape: cache.shape, scalars: dx), Tensor(shape: [c], scalars: dgamma),
                Tensor(shape: [c], scalars: dbeta))
    }
}
