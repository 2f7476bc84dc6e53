import Curriculum
import TensorKit

/// Exercise `batchnorm`: batch normalization of `(N, D)` inputs, feature by feature.
public struct BatchNorm: BatchNormLayer {
    /// Every node of the forward graph the two backward passes read.
    public struct Cache {
        var xc: Tensor        // x − μ            (N, D)
        var variance: Tensor  // σ²               (D,)
        var sqrtvar: Tensor   // √(σ² + eps)      (D,)
        var ivar: Tensor      // 1 / √(σ² + eps)  (D,)
        var xhat: Tensor      // x̂                (N, D)
        var gamma: Tensor     // (D,)
        var eps: Double
    }

    public init() {}

    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let d = x.shape[1]
        let runningMean = state.runningMean ?? Tensor.zeros([d])
        let runningVariance = state.runningVariance ?? Tensor.zeros([d])
        switch mode {
        case .train:
            let mu = x.mean(axis: 0)
            let xc = x - mu
            let variance = (xc * xc).mean(axis: 0)
            let sqrtvar = sqrt(variance + state.eps)
            let ivar = 1.0 / sqrtvar
            let xhat = xc * ivar
            let out = gamma * xhat + beta
            state.runningMean = state.momentum * runningMean + (1 - state.momentum) * mu
            state.runningVariance = state.momentum * runningVariance + (1 - state.momentum) * sqrtvar
            let cache = Cache(xc: xc, variance: variance, sqrtvar: sqrtvar, ivar: ivar,
                              xhat: xhat, gamma: gamma, eps: state.eps)
            return (out, cache)
        case .test:
            let sqrtvar = sqrt(runningVariance + state.eps)
            let xc = x - runningMean
            let xhat = xc / sqrtvar
            let out = gamma * xhat + beta
            let cache = Cache(xc: xc, variance: runningVariance, sqrtvar: sqrtvar, ivar: 1.0 / sqrtvar,
                              xhat: xhat, gamma: gamma, eps: state.eps)
            return (out, cache)
        }
    }

    /// Node by node, from `out` back to `x`.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        // out = gammax + beta
        let dbeta = dout.sum(axis: 0)
        let dgammax = dout
        // gammax = gamma * xhat
        let dgamma = (dgammax * cache.xhat).sum(axis: 0)
        let dxhat = dgammax * cache.gamma
        // xhat = xc * ivar
        let divar = (dxhat * cache.xc).sum(axis: 0)
        let dxc1 = dxhat * cache.ivar
        // ivar = 1 / sqrtvar
        let dsqrtvar = -1.0 / (cache.sqrtvar * cache.sqrtvar) * divar
        // sqrtvar = sqrt(var + eps)
        let dvar = 0.5 * (1.0 / cache.sqrtvar) * dsqrtvar
        // var = mean(sq, axis 0)
        let dsq = Tensor.ones(dout.shape) * dvar / n
        // sq = xc²
        let dxc2 = 2 * cache.xc * dsq
        // xc = x − mu
        let dxc = dxc1 + dxc2
        let dmu = -dxc.sum(axis: 0)
        let dx1 = dxc
        // mu = mean(x, axis 0)
        let dx2 = Tensor.ones(dout.shape) * dmu / n
        return (dx1 + dx2, dgamma, dbeta)
    }

    /// dx from the simplified expression in dx̂.
    public func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dxhat = dout * cache.gamma
        let dx = cache.ivar / n * (n * dxhat - dxhat.sum(axis: 0) - cache.xhat * (dxhat * cache.xhat).sum(axis: 0))
        return (dx, dgamma, dbeta)
    }
}
