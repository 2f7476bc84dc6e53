import Curriculum
import TensorKit

/// Group norm with loops over examples and groups on the raw row-major numbers.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var xhat: [Double]
        var inverseStd: [Double]   // one per (n, g)
        var shape: [Int]
        var groups: Int
        var gamma: [Double]
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        let n = x.shape[0], c = x.shape[1], pixels = x.shape[2] * x.shape[3]
        guard groups > 0, c % groups == 0 else {
            shapeFailure("groupnorm: C = \(c) is not a multiple of G = \(groups)")
        }
        let size = c / groups * pixels
        let xs = x.scalars
        var xhat = [Double](repeating: 0, count: xs.count)
        var out = [Double](repeating: 0, count: xs.count)
        var inverseStd = [Double](repeating: 0, count: n * groups)
        for i in 0..<n {
            for g in 0..<groups {
                let start = (i * groups + g) * size
                var mean = 0.0
                for k in start..<start + size { mean += xs[k] }
                mean /= Double(size)
                var variance = 0.0
                for k in start..<start + size { variance += (xs[k] - mean) * (xs[k] - mean) }
                variance /= Double(size)
                let inv = 1 / (variance + eps).squareRoot()
                inverseStd[i * groups + g] = inv
                for k in start..<start + size {
                    xhat[k] = (xs[k] - mean) * inv
                    let channel = (k / pixels) % c
                    out[k] = gamma.scalars[channel] * xhat[k] + beta.scalars[channel]
                }
            }
        }
        return (Tensor(shape: x.shape, scalars: out),
                Cache(xhat: xhat, inverseStd: inverseStd, shape: x.shape, groups: groups, gamma: gamma.scalars))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = cache.shape[0], c = cache.shape[1], pixels = cache.shape[2] * cache.shape[3]
        let groups = cache.groups
        let size = c / groups * pixels
        let g0 = dout.scalars
        var dgamma = [Double](repeating: 0, count: c)
        var dbeta = [Double](repeating: 0, count: c)
        var dx = [Double](repeating: 0, count: g0.count)
        for k in g0.indices {
            let channel = (k / pixels) % c
            dgamma[channel] += g0[k] * cache.xhat[k]
            dbeta[channel] += g0[k]
        }
        for i in 0..<n {
            for g in 0..<groups {
                let start = (i * groups + g) * size
                var sum1 = 0.0, sum2 = 0.0
                for k in start..<start + size {
                    let dxhat = g0[k] * cache.gamma[(k / pixels) % c]
                    sum1 += dxhat
                }
                let inv = cache.inverseStd[i * groups + g]
                let m = Double(size)
                for k in start..<start + size {
                    let dxhat = g0[k] * cache.gamma[(k / pixels) % c]
                    dx[k] = inv / m * (m * dxhat - sum1 - cache.xhat[k] * sum2)
                }
            }
        }
        return (Tensor(shape: cache.shape, scalars: dx), Tensor(shape: [c], scalars: dgamma),
                Tensor(shape: [c], scalars: dbeta))
    }
}
