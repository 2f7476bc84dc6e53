import Curriculum
import Foundation
import TensorKit

/// Batch norm. Cache: centered input, x̂, the standard deviation √(σ² + eps) and gamma.
/// `backward` walks the graph node by node; `backwardAlt` is the closed form with dγ, dβ.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        var xc: Tensor      // x − μ        (N, D)
        var xhat: Tensor    // x̂            (N, D)
        var std: Tensor     // √(σ² + eps)  (D,)
        var gamma: Tensor   //              (D,)
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let d = x.shape[1]
        switch mode {
        case .train:
            let mu = x.mean(axis: 0)
            let variance = x.variance(axis: 0)
            let xc = x - mu
            let std = sqrt(variance + state.eps)
            let xhat = xc / std
            let out = gamma * xhat + beta
            let m = state.momentum
            let oldMean = state.runningMean ?? Tensor.zeros([d])
            let oldVariance = state.runningVariance ?? Tensor.zeros([d])
            state.runningMean = (1 - m) * oldMean + m * mu
            state.runningVariance = (1 - m) * oldVariance + m * variance
            return (out, Cache(xc: xc, xhat: xhat, std: std, gamma: gamma))
        case .test:
            let runningMean = state.runningMean ?? Tensor.zeros([d])
            let runningVariance = state.runningVariance ?? Tensor.zeros([d])
            let testStd = sqrt(runningVariance + state.eps)
            let normalized = (x - runningMean) / testStd
            return (gamma * normalized + beta,
                    Cache(xc: x - runningMean, xhat: normalized, std: testStd, gamma: gamma))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let ones = Tensor.ones(dout.shape)
        // out = y + β ; y = γ·x̂
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        // x̂ = xc · r, r = 1/s
        let r = 1 / cache.std
        let dxc1 = dxhat * r
        let dr = (dxhat * cache.xc).sum(axis: 0)
        // r = 1/s ; s = √(σ² + eps)
        let ds = -dr / (cache.std * cache.std)
        let dvar = ds / (2 * cache.std)
        // σ² = mean(sq) ; sq = xc²
        let dsq = ones * (dvar / n)
        let dxc2 = 2 * cache.xc * dsq
        let dxc = dxc1 + dxc2
        // xc = x − μ ; μ = mean(x)
        let dmu = -dxc.sum(axis: 0)
        let dx = dxc + ones * (dmu / n)
        return (dx, dgamma, dbeta)
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (cache.xhat * dout).sum(axis: 0)
        let dx = (cache.gamma / (n * cache.std)) * (n * dout - dbeta - cache.xhat * dgamma)
        return (dx, dgamma, dbeta)
    }
}
