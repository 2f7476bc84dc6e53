import Curriculum
import TensorKit

/// A fully-connected net with every layer's maths written here (self-contained).
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
        var generator = SeededGenerator(seed: configuration.dropoutSeed ?? configuration.seed)
        for i in 1..<sizes.count {
            params["W\(i)"] = configuration.initialization.weights(
                fanIn: sizes[i - 1], fanOut: sizes[i], using: &generator)
            params["b\(i)"] = Tensor.zeros([sizes[i]])
            if configuration.normalization != nil && i < sizes.count - 1 {
                params["gamma\(i)"] = Tensor.ones([sizes[i]])
                params["beta\(i)"] = Tensor.zeros([sizes[i]])
            }
        }
    }

    private var layerCount: Int { configuration.hiddenDimensions.count + 1 }
    private var usesDropout: Bool { configuration.keepProbability < 1 }

    /// What one hidden layer remembers for its backward pass.
    fileprivate struct HiddenCache {
        var input: Tensor
        var preNorm: Tensor
        var xhat: Tensor?
        var invStd: Tensor?
        var preReLU: Tensor
        var mask: Tensor?
    }

    private func forward(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, caches: [HiddenCache])
    {
        var h = x
        var caches: [HiddenCache] = []
        for i in 1..<layerCount {
            let a = h.matmul(params["W\(i)"]!) + params["b\(i)"]!
            var cache = HiddenCache(input: h, preNorm: a, xhat: nil, invStd: nil, preReLU: a, mask: nil)
            var z = a
            switch configuration.normalization {
            case .batch?:
                var state = states[i - 1]
                let (xhat, invStd) = batchNormalize(a, mode: mode, state: &state)
                states[i - 1] = state
                cache.xhat = xhat
                cache.invStd = invStd
                z = params["gamma\(i)"]! * xhat + params["beta\(i)"]!
            case .layer?:
                let mu = a.mean(axis: 1, keepDims: true)
                let invStd = 1 / sqrt(a.variance(axis: 1, keepDims: true) + 1e-5)
                let xhat = (a - mu) * invStd
                cache.xhat = xhat
                cache.invStd = invStd
                z = params["gamma\(i)"]! * xhat + params["beta\(i)"]!
            case nil:
                break
            }
            cache.preReLU = z
            h = maximum(z, 0)
            if usesDropout && mode == .train {
                let parameters = DropoutParameters(keepProbability: configuration.keepProbability,
                                                   mode: mode, seed: configuration.dropoutSeed)
                var generator = parameters.makeGenerator()
                let u = Tensor.randomUniform(h.shape, low: 0, high: 1, using: &generator)
                let mask = (u .< configuration.keepProbability) / configuration.keepProbability
                h = h * mask
                cache.mask = mask
            }
            caches.append(cache)
        }
        let scores = h.matmul(params["W\(layerCount)"]!) + params["b\(layerCount)"]!
        return (scores, caches + [HiddenCache(input: h, preNorm: scores, preReLU: scores)])
    }

    private func batchNormalize(_ a: Tensor, mode: Mode, state: inout BatchNormState)
        -> (xhat: Tensor, invStd: Tensor)
    {
        let d = a.shape[1]
        if mode == .train {
            let mu = a.mean(axis: 0)
            let variance = a.variance(axis: 0)
            state.runningMean = state.momentum * (state.runningMean ?? .zeros([d])) + (1 - state.momentum) * mu
            state.runningVariance = state.momentum * (state.runningVariance ?? .zeros([d]))
                + (1 - state.momentum) * variance
            let invStd = 1 / sqrt(variance + state.eps)
            return ((a - mu) * invStd, invStd)
        }
        let invStd = 1 / sqrt((state.runningVariance ?? .zeros([d])) + state.eps)
        return ((a - (state.runningMean ?? .zeros([d]))) * invStd, invStd)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forward(x, mode: .test, states: &states).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, caches) = forward(x, mode: .train, states: &states)
        batchNormStates = states
        var (loss, dout) = softmaxLoss(scores, labels: labels)
        var grads: [String: Tensor] = [:]
        let reg = configuration.reg
        for i in 1...layerCount {
            let w = params["W\(i)"]!
            loss += 0.5 * reg * (w * w).sum().scalar
        }
        // Last affine layer.
        let last = caches[layerCount - 1]
        let wLast = params["W\(layerCount)"]!
        grads["W\(layerCount)"] = last.input.transposed().matmul(dout) + reg * wLast
        grads["b\(layerCount)"] = dout.sum(axis: 0)
        dout = dout.matmul(wLast.transposed())
        for i in stride(from: layerCount - 1, through: 1, by: -1) {
            let cache = caches[i - 1]
            if let mask = cache.mask { dout = dout * mask }
            dout = dout * (cache.preReLU .> 0)
            if let xhat = cache.xhat, let invStd = cache.invStd {
                grads["gamma\(i)"] = (dout * xhat).sum(axis: 0)
                grads["beta\(i)"] = dout.sum(axis: 0)
                let dxhat = dout * params["gamma\(i)"]!
                if configuration.normalization == .batch {
                    let n = Double(dxhat.shape[0])
                    dout = invStd / n * (n * dxhat - dxhat.sum(axis: 0) - xhat * (dxhat * xhat).sum(axis: 0))
                } else {
                    let d = Double(dxhat.shape[1])
                    dout = invStd / d * (d * dxhat - dxhat.sum(axis: 1, keepDims: true)
                                         - xhat * (dxhat * xhat).sum(axis: 1, keepDims: true))
                }
            }
            let w = params["W\(i)"]!
            grads["W\(i)"] = cache.input.transposed().matmul(dout) + reg * w
            grads["b\(i)"] = dout.sum(axis: 0)
            dout = dout.matmul(w.transposed())
        }
        return (loss, grads)
    }
}
