import Curriculum
import TensorKit

/// Exercise `batchnorm`, keeping only x̂, 1/σ and γ, with dσ²/dμ derived by hand.
public struct BatchNorm: BatchNormLayer {
    public struct Cache {
        let xhat: Tensor
        let invStd: Tensor
        let gamma: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let features = x.shape[1]
        if mode == .test {
            let mean = state.runningMean ?? Tensor.zeros(features)
            let variance = state.runningVariance ?? Tensor.zeros(features)
            let invStd = 1 / sqrt(variance + state.eps)
            let xhat = (x - mean) * invStd
            return (xhat * gamma + beta, Cache(xhat: xhat, invStd: invStd, gamma: gamma))
        }
        let mean = x.mean(axis: 0)
        let variance = x.variance(axis: 0)
        let invStd = 1 / sqrt(variance + state.eps)
        let xhat = (x - mean) * invStd
        let m = state.momentum
        state.runningMean = m * (state.runningMean ?? Tensor.zeros(features)) + (1 - m) * mean
        state.runningVariance = m * (state.runningVariance ?? Tensor.zeros(features)) + (1 - m) * variance
        return (xhat * gamma + beta, Cache(xhat: xhat, invStd: invStd, gamma: gamma))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        // x - mu = xhat / invStd
        let centered = cache.xhat / cache.invStd
        // d var = sum(dxhat * (x - mu)) * (-1/2) (var + eps)^(-3/2)
        let dvar = (dxhat * centered).sum(axis: 0) * (-0.5) * pow(cache.invStd, 3)
        // d mu = -sum(dxhat) / std + dvar * mean(-2 (x - mu))
        let dmean = -1 * dxhat.sum(axis: 0) * cache.invStd + dvar * (-2 * centered).mean(axis: 0)
        let dx = dxhat * cache.invStd + dvar * 2 * centered / n + dmean / n
        return (dx, dgamma, dbeta)
    }

    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        // dx = γ/(Nσ) · (N·dout − Σdout − x̂·Σ(dout·x̂))
        let dx = cache.gamma * cache.invStd / n * (n * dout - dbeta + cache.xhat * dgamma)
        return (dx, dgamma, dbeta)
    }
}
