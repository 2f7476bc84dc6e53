import Curriculum
import TensorKit

/// Exercise `groupnorm`, with loops over examples and groups on the raw numbers.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        let shape: [Int]
        let groups: Int
        let xhat: [Double]
        let invStd: [Double]      // one per (example, group)
        let gamma: [Double]
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let n = x.shape[0], c = x.shape[1], hw = x.shape[2] * x.shape[3]
        guard groups > 0, c % groups == 0 else {
            shapeFailure("groups (\(groups)) must divide the number of channels (\(c))")
        }
        let perGroup = c / groups
        let size = perGroup * hw
        let xs = x.scalars
        var xhat = [Double](repeating: 0, count: xs.count)
        var out = [Double](repeating: 0, count: xs.count)
        var invStds = [Double](repeating: 0, count: n * groups)
        for i in 0..<n {
            for g in 0..<groups {
                let start = (i * c + g * perGroup) * hw
                var mean = 0.0
                for k in start..<(start + size) { mean += xs[k] }
                mean /= Double(size)
                var variance = 0.0
                for k in start..<(start + size) { variance += (xs[k] - mean) * (xs[k] - mean) }
                variance /= Double(size)
                let inv = 1 / (variance + eps).squareRoot()
                invStds[i * groups + g] = inv
                for k in start..<(start + size) {
                    let channel = (k / hw) % c
                    xhat[k] = (xs[k] - mean) * inv
                    out[k] = gamma.scalars[channel] * xhat[k] + beta.scalars[channel]
                }
            }
        }
        let cache = Cache(shape: x.shape, groups: groups, xhat: xhat, invStd: invStds, gamma: gamma.scalars)
        return (Tensor(shape: x.shape, scalars: out), cache)
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = cache.shape[0], c = cache.shape[1], hw = cache.shape[2] * cache.shape[3]
        let groups = cache.groups
        let perGroup = c / groups
        let size = perGroup * hw
        let g = dout.scalars
        var dgamma = [Double](repeating: 0, count: c)
        var dbeta = [Double](repeating: 0, count: c)
        var dx = [Double](repeating: 0, count: g.count)
        for k in 0..<g.count {
            let channel = (k / hw) % c
            dbeta[channel] += g[k]
            dgamma[channel] += g[k] * cache.xhat[k]
        }
        for i in 0..<n {
            for grp in 0..<groups {
                let start = (i * c + grp * perGroup) * hw
                var sumD = 0.0, sumDX = 0.0
                for k in start..<(start + size) {
                    let dxh = g[k] * cache.gamma[(k / hw) % c]
                    sumD += dxh
                    sumDX += dxh * cache.xhat[k]
                }
                let inv = cache.invStd[i * groups + grp]
                for k in start..<(start + size) {
                    let dxh = g[k] * cache.gamma[(k / hw) % c]
                    dx[k] = inv / Double(hw) * (Double(hw) * dxh - sumD - cache.xhat[k] * sumDX)
                }
            }
        }
        return (Tensor(shape: cache.shape, scalars: dx), Tensor(shape: [c], scalars: dgamma),
                Tensor(shape: [c], scalars: dbeta))
    }
}
