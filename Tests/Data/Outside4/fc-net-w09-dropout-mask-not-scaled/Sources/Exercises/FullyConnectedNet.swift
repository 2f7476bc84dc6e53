import Curriculum
import TensorKit

// Private layers, so that the network does not depend on the other exercises.

fileprivate struct LayerCache {
    var input: Tensor
    var preNorm: Tensor
    var xhat: Tensor?
    var invStd: Tensor?
    var gamma: Tensor?
    var preReLU: Tensor
    var mask: Tensor?
}

fileprivate func normalizeColumns(_ a: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                                  state: inout BatchNormState) -> (Tensor, Tensor, Tensor) {
    let d = a.shape[1]
    let mean: Tensor, variance: Tensor
    if mode == .train {
        mean = a.mean(axis: 0)
        variance = a.variance(axis: 0)
        let m = state.momentum
        state.runningMean = m * (state.runningMean ?? Tensor.zeros(d)) + (1 - m) * mean
        state.runningVariance = m * (state.runningVariance ?? Tensor.zeros(d)) + (1 - m) * variance
    } else {
        mean = state.runningMean ?? Tensor.zeros(d)
        variance = state.runningVariance ?? Tensor.zeros(d)
    }
    let invStd = 1 / sqrt(variance + state.eps)
    let xhat = (a - mean) * invStd
    return (xhat * gamma + beta, xhat, invStd)
}

fileprivate func normalizeRows(_ a: Tensor, gamma: Tensor, beta: Tensor) -> (Tensor, Tensor, Tensor) {
    let mean = a.mean(axis: 1, keepDims: true)
    let variance = a.variance(axis: 1, keepDims: true)
    let invStd = 1 / sqrt(variance + 1e-5)
    let xhat = (a - mean) * invStd
    return (xhat * gamma + beta, xhat, invStd)
}

/// Exercise `fc-net`: a fully-connected network of any depth.
public struct FullyConnectedNet: FullyConnectedClassifier {
    public var params: [String: Tensor]
    public let configuration: NetworkConfiguration
    public var batchNormStates: [BatchNormState]

    public init(_ configuration: NetworkConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.normalization == .batch
            ? Array(repeating: BatchNormState(), count: configuration.hiddenDimensions.count)
            : []
        let sizes = [configuration.inputDimension] + configuration.hiddenDimensions + [configuration.classes]
        var generator = SeededGenerator(seed: configuration.seed)
        for i in 1..<sizes.count {
            let fanIn = sizes[i - 1], fanOut = sizes[i]
            params["W\(i)"] = configuration.initialization.weights(fanIn: fanIn, fanOut: fanOut, using: &generator)
            params["b\(i)"] = Tensor.zeros(fanOut)
            if configuration.normalization != nil && i < sizes.count - 1 {
                params["gamma\(i)"] = Tensor.ones(fanOut)
                params["beta\(i)"] = Tensor.zeros(fanOut)
            }
        }
    }

    private var layerCount: Int { configuration.hiddenDimensions.count + 1 }

    private func forwardPass(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, caches: [LayerCache])
    {
        var h = x
        var caches: [LayerCache] = []
        for i in 1..<layerCount {
            let a = h.matmul(params["W\(i)"]!) + params["b\(i)"]!
            var cache = LayerCache(input: h, preNorm: a, preReLU: a)
            var z = a
            switch configuration.normalization {
            case .batch:
                let (y, xhat, invStd) = normalizeColumns(a, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!,
                                                         mode: mode, state: &states[i - 1])
                z = y; cache.xhat = xhat; cache.invStd = invStd; cache.gamma = params["gamma\(i)"]!
            case .layer:
                let (y, xhat, invStd) = normalizeRows(a, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!)
                z = y; cache.xhat = xhat; cache.invStd = invStd; cache.gamma = params["gamma\(i)"]!
            case nil:
                break
            }
            cache.preReLU = z
            h = maximum(z, 0)
            if configuration.keepProbability < 1 && mode == .train {
                let p = configuration.keepProbability
                var rng = DropoutParameters(keepProbability: p, mode: mode, seed: configuration.dropoutSeed)
                    .makeGenerator()
                let mask = (Tensor.randomUniform(h.shape, using: &rng) .< p)
                h = h * mask
                cache.mask = mask
            }
            caches.append(cache)
        }
        let L = layerCount
        let scores = h.matmul(params["W\(L)"]!) + params["b\(L)"]!
        caches.append(LayerCache(input: h, preNorm: scores, preReLU: scores))
        return (scores, caches)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forwardPass(x, mode: .test, states: &states).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, caches) = forwardPass(x, mode: .train, states: &states)
        batchNormStates = states
        var (loss, dout) = softmaxLoss(scores, labels: labels)
        let reg = configuration.reg
        var grads: [String: Tensor] = [:]
        for i in stride(from: layerCount, through: 1, by: -1) {
            let cache = caches[i - 1]
            let w = params["W\(i)"]!
            loss += 0.5 * reg * (w * w).sum().scalar
            var da = dout
            if i < layerCount {
                if let mask = cache.mask { da = da * mask }
                da = da * (cache.preReLU .> 0)
                if let xhat = cache.xhat, let invStd = cache.invStd, let gamma = cache.gamma {
                    grads["beta\(i)"] = da.sum(axis: 0)
                    grads["gamma\(i)"] = (da * xhat).sum(axis: 0)
                    let dxhat = da * gamma
                    if configuration.normalization == .batch {
                        let n = Double(da.shape[0])
                        da = invStd / n * (n * dxhat - dxhat.sum(axis: 0) - xhat * (dxhat * xhat).sum(axis: 0))
                    } else {
                        let d = Double(da.shape[1])
                        da = invStd / d * (d * dxhat - dxhat.sum(axis: 1, keepDims: true)
                            - xhat * (dxhat * xhat).sum(axis: 1, keepDims: true))
                    }
                }
            }
            grads["W\(i)"] = cache.input.transposed().matmul(da) + reg * w
            grads["b\(i)"] = da.sum(axis: 0)
            dout = da.matmul(w.transposed())
        }
        return (loss, grads)
    }
}
