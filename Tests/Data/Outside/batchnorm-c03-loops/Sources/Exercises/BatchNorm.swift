import Curriculum
import Foundation
import TensorKit

/// Batch norm written with explicit loops over columns and rows. The cache keeps x̂,
/// 1/√(σ² + eps) per column and gamma as plain arrays; `backward` follows the graph
/// per column (dx̂ → dσ² → dμ → dx), `backwardAlt` the one-line closed form.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var xhat: [Double]
        var centered: [Double]
        var invStd: [Double]
        var gamma: [Double]
        var rows: Int
        var columns: Int
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (n, d) = (x.shape[0], x.shape[1])
        var mean = state.runningMean?.scalars ?? [Double](repeating: 0, count: d)
        var variance = state.runningVariance?.scalars ?? [Double](repeating: 0, count: d)
        if mode == .train {
            var runningMean = mean, runningVariance = variance
            for j in 0..<d {
                var s = 0.0
                for i in 0..<n { s += x.scalars[i * d + j] }
                let mu = s / Double(n)
                var q = 0.0
                for i in 0..<n { q += (x.scalars[i * d + j] - mu) * (x.scalars[i * d + j] - mu) }
                let v = q / Double(n)
                runningMean[j] = state.momentum * runningMean[j] + (1 - state.momentum) * mu
                runningVariance[j] = state.momentum * runningVariance[j] + (1 - state.momentum) * v
                mean[j] = mu
                variance[j] = v
            }
            state.runningMean = Tensor(runningMean)
            state.runningVariance = Tensor(runningVariance)
        }
        var out = [Double](repeating: 0, count: n * d)
        var xhat = out, centered = out
        let invStd = variance.map { 1 / ($0 + state.eps).squareRoot() }
        for i in 0..<n {
            for j in 0..<d {
                let k = i * d + j
                centered[k] = x.scalars[k] - mean[j]
                xhat[k] = centered[k] * invStd[j]
                out[k] = gamma.scalars[j] * xhat[k] + beta.scalars[j]
            }
        }
        let cache = Cache(xhat: xhat, centered: centered, invStd: invStd, gamma: gamma.scalars, rows: n, columns: d)
        return (Tensor(shape: [n, d], scalars: out), cache)
    }

    private func parameterGradients(_ dout: Tensor, _ cache: Cache) -> (dgamma: [Double], dbeta: [Double]) {
        var dgamma = [Double](repeating: 0, count: cache.columns), dbeta = dgamma
        for i in 0..<cache.rows {
            for j in 0..<cache.columns {
                dbeta[j] += dout.scalars[i * cache.columns + j]
                dgamma[j] += dout.scalars[i * cache.columns + j] * cache.xhat[i * cache.columns + j]
            }
        }
        return (dgamma, dbeta)
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (n, d) = (cache.rows, cache.columns)
        let (dgamma, dbeta) = parameterGradients(dout, cache)
        var dx = [Double](repeating: 0, count: n * d)
        for j in 0..<d {
            let r = cache.invStd[j]
            // dσ² = Σ dx̂·xc · (−½)(σ² + eps)^(−3/2)
            var dvar = 0.0
            for i in 0..<n { dvar += dout.scalars[i * d + j] * cache.gamma[j] * cache.centered[i * d + j] }
            dvar *= -0.5 * r * r * r
            // dμ = Σ −dx̂·r + dσ² · Σ −2·xc / N
            var dmu = 0.0, sumCentered = 0.0
            for i in 0..<n {
                dmu -= dout.scalars[i * d + j] * cache.gamma[j] * r
                sumCentered += cache.centered[i * d + j]
            }
            dmu += dvar * (-2 * sumCentered / Double(n))
            for i in 0..<n {
                let k = i * d + j
                dx[k] = dout.scalars[k] * cache.gamma[j] * r + dvar * 2 * cache.centered[k] / Double(n) + dmu / Double(n)
            }
        }
        return (Tensor(shape: [n, d], scalars: dx), Tensor(dgamma), Tensor(dbeta))
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (n, d) = (cache.rows, cache.columns)
        let (dgamma, dbeta) = parameterGradients(dout, cache)
        var dx = [Double](repeating: 0, count: n * d)
        for i in 0..<n {
            for j in 0..<d {
                let k = i * d + j
                dx[k] = cache.gamma[j] * cache.invStd[j] / Double(n)
                    * (Double(n) * dout.scalars[k] - dbeta[j] - cache.xhat[k] * dgamma[j])
            }
        }
        return (Tensor(shape: [n, d], scalars: dx), Tensor(dgamma), Tensor(dbeta))
    }
}
