import Curriculum
import TensorKit

/// Layer norm with explicit loops over each row.
public struct LayerNorm: LayerNormLayer {
    public struct Cache {
        var xhat: [Double]
        var invStd: [Double]
        var gamma: [Double]
        var n: Int
        var d: Int
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0], d = x.shape[1]
        let xs = x.scalars
        var xhat = [Double](repeating: 0, count: n * d)
        var out = xhat
        var invStd = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var mean = 0.0
            for j in 0..<d { mean += xs[i * d + j] }
            mean /= Double(d)
            var v = 0.0
            for j in 0..<d { v += (xs[i * d + j] - mean) * (xs[i * d + j] - mean) }
            v /= Double(d)
            invStd[i] = 1 / v.squareRoot()
            for j in 0..<d {
                xhat[i * d + j] = (xs[i * d + j] - mean) * invStd[i]
                out[i * d + j] = gamma.scalars[j] * xhat[i * d + j] + beta.scalars[j]
            }
        }
        return (Tensor(shape: [n, d], scalars: out),
                Cache(xhat: xhat, invStd: invStd, gamma: gamma.scalars, n: n, d: d))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = cache.n, d = cache.d
        let g = dout.scalars
        var dx = [Double](repeating: 0, count: n * d)
        var dgamma = [Double](repeating: 0, count: d)
        var dbeta = [Double](repeating: 0, count: d)
        for i in 0..<n {
            var sum1 = 0.0, sum2 = 0.0
            for j in 0..<d {
                let dxh = g[i * d + j] * cache.gamma[j]
                sum1 += dxh
                sum2 += dxh * cache.xhat[i * d + j]
                dgamma[j] += g[i * d + j] * cache.xhat[i * d + j]
                dbeta[j] += g[i * d + j]
            }
            for j in 0..<d {
                let dxh = g[i * d + j] * cache.gamma[j]
                dx[i * d + j] = cache.invStd[i] / Double(d) * (Double(d) * dxh - sum1 - cache.xhat[i * d + j] * sum2)
            }
        }
        return (Tensor(shape: [n, d], scalars: dx), Tensor(shape: [d], scalars: dgamma),
                Tensor(shape: [d], scalars: dbeta))
    }
}
