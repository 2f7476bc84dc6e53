import Curriculum
import Foundation
import TensorKit

/// Group norm with explicit loops over (sample, group) blocks of the row-major buffer.
public struct GroupNorm: GroupNormLayer {
    public struct Cache {
        var xhat: [Double]
        var invStd: [Double]   // one per (n, g)
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
            shapeFailure("groupnorm: \(c) channels are not a multiple of \(groups) groups")
        }
        let plane = h * w
        let size = (c / groups) * plane          // values per group
        var xhat = [Double](repeating: 0, count: x.count)
        var out = [Double](repeating: 0, count: x.count)
        var invStd = [Double](repeating: 0, count: n * groups)
        for block in 0..<(n * groups) {
            let start = block * size
            var mean = 0.0
            for i in start..<(start + size) { mean += x.scalars[i] }
            mean /= Double(size)
            var variance = 0.0
            for i in start..<(start + size) { variance += (x.scalars[i] - mean) * (x.scalars[i] - mean) }
            variance /= Double(size)
            let r = 1 / (variance + eps).squareRoot()
            invStd[block] = r
            for i in start..<(start + size) {
                xhat[i] = (x.scalars[i] - mean) * r
                let channel = (i / plane) % c
                out[i] = gamma.scalars[channel] * xhat[i] + beta.scalars[channel]
            }
        }
        let cache = Cache(xhat: xhat, invStd: invStd, gamma: gamma.scalars, shape: x.shape, groups: groups)
        return (Tensor(shape: x.shape, scalars: out), cache)
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (n, c, h, w) = (cache.shape[0], cache.shape[1], cache.shape[2], cache.shape[3])
        let plane = h * w
        let size = (c / cache.groups) * plane
        var dgamma = [Double](repeating: 0, count: c)
        var dbeta = [Double](repeating: 0, count: c)
        var dx = [Double](repeating: 0, count: dout.count)
        for i in 0..<dout.count {
            let channel = (i / plane) % c
            dbeta[channel] += dout.scalars[i]
            dgamma[channel] += dout.scalars[i] * cache.xhat[i]
        }
        for block in 0..<(n * cache.groups) {
            let start = block * size
            var sumD = 0.0, sumDX = 0.0
            for i in start..<(start + size) {
                let d = dout.scalars[i] * cache.gamma[(i / plane) % c]
                sumD += d
                sumDX += d * cache.xhat[i]
            }
            let m = Double(size)
            for i in start..<(start + size) {
                let d = dout.scalars[i] * cache.gamma[(i / plane) % c]
                dx[i] = cache.invStd[block] / m * (m * d - sumD - cache.xhat[i] * sumDX)
            }
        }
        return (Tensor(shape: cache.shape, scalars: dx), Tensor(dgamma), Tensor(dbeta))
    }
}
