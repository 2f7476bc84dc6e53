import Curriculum
import TensorKit

/// Fully-connected net with every layer written inline (no layer types): one forward
/// helper for both modes, caches in an array, batch norm / layer norm / dropout by hand.
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
        for layer in 1..<sizes.count {
            params["W\(layer)"] = configuration.initialization.weights(
                fanIn: sizes[layer - 1], fanOut: sizes[layer], using: &generator)
            params["b\(layer)"] = Tensor.zeros([sizes[layer]])
            if configuration.normalization != nil && layer < sizes.count - 1 {
                params["gamma\(layer)"] = Tensor.ones([sizes[layer]])
                params["beta\(layer)"] = Tensor.zeros([sizes[layer]])
            }
        }
    }

    private var layerCount: Int { configuration.hiddenDimensions.count + 1 }
    private let layerNormEps = 1e-5

    private struct HiddenCache {
        var input: Tensor
        var xhat: Tensor?
        var invStd: Tensor?
        var activated: Tensor   // what went into the ReLU
        var mask: Tensor?       // dropout mask, already divided by p
    }

    private func forward(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, caches: [HiddenCache], last: Tensor)
    {
        var h = x
        var caches: [HiddenCache] = []
        for layer in 1..<layerCount {
            let a = h.matmul(params["W\(layer)"]!) + params["b\(layer)"]!
            var cache = HiddenCache(input: h, xhat: nil, invStd: nil, activated: a, mask: nil)
            var z = a
            switch configuration.normalization {
            case .batch:
                var state = states[layer - 1]
                let d = a.shape[1]
                let mean: Tensor, variance: Tensor
                if mode == .train {
                    mean = a.mean(axis: 0)
                    variance = a.variance(axis: 0)
                    state.runningMean = state.momentum * (state.runningMean ?? .zeros([d])) + (1 - state.momentum) * mean
                    state.runningVariance = state.momentum * (state.runningVariance ?? .zeros([d]))
                        + (1 - state.momentum) * variance
                } else {
                    mean = state.runningMean ?? .zeros([d])
                    variance = state.runningVariance ?? .zeros([d])
                }
                states[layer - 1] = state
                let invStd = 1 / sqrt(variance + state.eps)
                let xhat = (a - mean) * invStd
                z = params["gamma\(layer)"]! * xhat + params["beta\(layer)"]!
                cache.xhat = xhat
                cache.invStd = invStd
            case .layer:
                let mean = a.mean(axis: 1, keepDims: true)
                let variance = a.variance(axis: 1, keepDims: true)
                let invStd = 1 / sqrt(variance + layerNormEps)
                let xhat = (a - mean) * invStd
                z = params["gamma\(layer)"]! * xhat + params["beta\(layer)"]!
                cache.xhat = xhat
                cache.invStd = invStd
            case nil:
                break
            }
            cache.activated = z
            h = maximum(z, 0)
            if configuration.keepProbability < 1 && mode == .train {
                let p = configuration.keepProbability
                var generator = DropoutParameters(keepProbability: p, mode: mode,
                                                  seed: configuration.dropoutSeed).makeGenerator()
                let mask = (Tensor.randomUniform(h.shape, low: 0, high: 1, using: &generator) .< p) / p
                h = h * mask
                cache.mask = mask
            }
            caches.append(cache)
        }
        let scores = h.matmul(params["W\(layerCount)"]!) + params["b\(layerCount)"]!
        return (scores, caches, h)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forward(x, mode: .test, states: &states).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, caches, last) = forward(x, mode: .train, states: &batchNormStates)
        var (loss, dscores) = softmaxLoss(scores, labels: labels)
        let reg = configuration.reg
        for layer in 1...layerCount {
            let w = params["W\(layer)"]!
            loss += 0.5 * reg * (w * w).sum().scalar
        }

        var grads: [String: Tensor] = [:]
        let wLast = params["W\(layerCount)"]!
        grads["W\(layerCount)"] = last.matmul(dscores, transposingSelf: true) + reg * wLast
        grads["b\(layerCount)"] = dscores.sum(axis: 0)
        var dh = dscores.matmul(wLast, transposingOther: true)

        for layer in stride(from: layerCount - 1, through: 1, by: -1) {
            let cache = caches[layer - 1]
            if let mask = cache.mask { dh = dh * mask }
            var da = dh * (cache.activated .> 0)
            if let xhat = cache.xhat, let invStd = cache.invStd {
                let gamma = params["gamma\(layer)"]!
                grads["beta\(layer)"] = da.sum(axis: 0)
                grads["gamma\(layer)"] = (da * xhat).sum(axis: 0)
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
            let w = params["W\(layer)"]!
            grads["W\(layer)"] = cache.input.matmul(da, transposingSelf: true) + reg * w
            grads["b\(layer)"] = da.sum(axis: 0)
            dh = da.matmul(w, transposingOther: true)
        }
        return (loss, grads)
    }
}
