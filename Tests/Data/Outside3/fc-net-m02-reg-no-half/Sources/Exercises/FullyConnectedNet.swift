import Curriculum
import TensorKit

/// Exercise `fc-net`: a fully-connected network of any depth.
///
/// Self-contained: the layers it hands to Curriculum's sandwiches are written below,
/// in this file.
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
        var generator = SeededGenerator(seed: configuration.seed)
        let sizes = [configuration.inputDimension] + configuration.hiddenDimensions + [configuration.classes]
        for i in 1..<sizes.count {
            let fanIn = sizes[i - 1], fanOut = sizes[i]
            params["W\(i)"] = configuration.initialization.weights(fanIn: fanIn, fanOut: fanOut, using: &generator)
            params["b\(i)"] = Tensor.zeros([fanOut])
            if configuration.normalization != nil && i < sizes.count - 1 {
                params["gamma\(i)"] = Tensor.ones([fanOut])
                params["beta\(i)"] = Tensor.zeros([fanOut])
            }
        }
    }

    private var layerCount: Int { configuration.hiddenDimensions.count + 1 }
    private var usesDropout: Bool { configuration.keepProbability < 1 }

    private enum HiddenCache {
        case plain(AffineReLU<NetAffine, NetReLU>.Cache)
        case batch(AffineBatchNormReLU<NetAffine, NetBatchNorm, NetReLU>.Cache)
        case layer(AffineLayerNormReLU<NetAffine, NetLayerNorm, NetReLU>.Cache)
    }

    private struct Caches {
        var hidden: [HiddenCache] = []
        var dropout: [NetDropout.Cache?] = []
        var output: NetAffine.Cache? = nil
    }

    private func forwardPass(_ x: Tensor, mode: Mode, states: inout [BatchNormState]) -> (Tensor, Caches) {
        var caches = Caches()
        var h = x
        for i in 1..<layerCount {
            let w = parameter(named: "W\(i)"), b = parameter(named: "b\(i)")
            switch configuration.normalization {
            case nil:
                let (out, cache) = AffineReLU<NetAffine, NetReLU>().forward(h, w, b)
                h = out
                caches.hidden.append(.plain(cache))
            case .batch:
                let (out, cache) = AffineBatchNormReLU<NetAffine, NetBatchNorm, NetReLU>().forward(
                    h, w, b, gamma: parameter(named: "gamma\(i)"), beta: parameter(named: "beta\(i)"),
                    mode: mode, state: &states[i - 1])
                h = out
                caches.hidden.append(.batch(cache))
            case .layer:
                let (out, cache) = AffineLayerNormReLU<NetAffine, NetLayerNorm, NetReLU>().forward(
                    h, w, b, gamma: parameter(named: "gamma\(i)"), beta: parameter(named: "beta\(i)"))
                h = out
                caches.hidden.append(.layer(cache))
            }
            if usesDropout {
                let settings = DropoutParameters(keepProbability: configuration.keepProbability, mode: mode,
                                                 seed: configuration.dropoutSeed)
                let (out, cache) = NetDropout().forward(h, parameters: settings)
                h = out
                caches.dropout.append(cache)
            } else {
                caches.dropout.append(nil)
            }
        }
        let (scores, outputCache) = NetAffine().forward(
            h, parameter(named: "W\(layerCount)"), parameter(named: "b\(layerCount)"))
        caches.output = outputCache
        return (scores, caches)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forwardPass(x, mode: .test, states: &states).0
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, caches) = forwardPass(x, mode: .train, states: &states)
        batchNormStates = states

        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        var loss = dataLoss
        var grads: [String: Tensor] = [:]
        for i in 1...layerCount {
            let w = parameter(named: "W\(i)")
            loss += configuration.reg * (w * w).sum().scalar
        }

        let last = NetAffine().backward(dscores, cache: caches.output!)
        grads["W\(layerCount)"] = last.dw
        grads["b\(layerCount)"] = last.db
        var dh = last.dx
        for i in stride(from: layerCount - 1, through: 1, by: -1) {
            if let dropoutCache = caches.dropout[i - 1] {
                dh = NetDropout().backward(dh, cache: dropoutCache)
            }
            switch caches.hidden[i - 1] {
            case .plain(let cache):
                let back = AffineReLU<NetAffine, NetReLU>().backward(dh, cache: cache)
                dh = back.dx
                grads["W\(i)"] = back.dw
                grads["b\(i)"] = back.db
            case .batch(let cache):
                let back = AffineBatchNormReLU<NetAffine, NetBatchNorm, NetReLU>().backward(dh, cache: cache)
                dh = back.dx
                grads["W\(i)"] = back.dw
                grads["b\(i)"] = back.db
                grads["gamma\(i)"] = back.dgamma
                grads["beta\(i)"] = back.dbeta
            case .layer(let cache):
                let back = AffineLayerNormReLU<NetAffine, NetLayerNorm, NetReLU>().backward(dh, cache: cache)
                dh = back.dx
                grads["W\(i)"] = back.dw
                grads["b\(i)"] = back.db
                grads["gamma\(i)"] = back.dgamma
                grads["beta\(i)"] = back.dbeta
            }
        }
        for i in 1...layerCount {
            grads["W\(i)"]! += configuration.reg * parameter(named: "W\(i)")
        }
        return (loss, grads)
    }
}

// MARK: - The layers this network is built from

fileprivate struct NetAffine: AffineLayer {
    struct Cache {
        let x: Tensor
        let w: Tensor
    }

    init() {}

    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        (x.flattenedBatch().matmul(w) + b, Cache(x: x, w: w))
    }

    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let dx = dout.matmul(cache.w, transposingOther: true).reshaped(cache.x.shape)
        let dw = cache.x.flattenedBatch().matmul(dout, transposingSelf: true)
        return (dx, dw, dout.sum(axis: 0))
    }
}

fileprivate struct NetReLU: ReLULayer {
    struct Cache {
        let x: Tensor
    }

    init() {}

    func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        (maximum(x, 0), Cache(x: x))
    }

    func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        dout * (cache.x .> 0)
    }
}

fileprivate struct NetBatchNorm: BatchNormLayer {
    struct Cache {
        let xhat: Tensor
        let invStd: Tensor
        let gamma: Tensor
    }

    init() {}

    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let d = x.shape[1]
        let mean: Tensor, variance: Tensor
        if mode == .train {
            mean = x.mean(axis: 0)
            variance = x.variance(axis: 0)
            state.runningMean = state.momentum * (state.runningMean ?? .zeros([d])) + (1 - state.momentum) * mean
            state.runningVariance = state.momentum * (state.runningVariance ?? .zeros([d]))
                + (1 - state.momentum) * variance
        } else {
            mean = state.runningMean ?? .zeros([d])
            variance = state.runningVariance ?? .zeros([d])
        }
        let invStd = 1.0 / sqrt(variance + state.eps)
        let xhat = (x - mean) * invStd
        return (gamma * xhat + beta, Cache(xhat: xhat, invStd: invStd, gamma: gamma))
    }

    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dxhat = dout * cache.gamma
        let dx = cache.invStd / n * (n * dxhat - dxhat.sum(axis: 0) - cache.xhat * (dxhat * cache.xhat).sum(axis: 0))
        return (dx, (dout * cache.xhat).sum(axis: 0), dout.sum(axis: 0))
    }

    func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        backward(dout, cache: cache)
    }
}

fileprivate struct NetLayerNorm: LayerNormLayer {
    struct Cache {
        let xhat: Tensor
        let invStd: Tensor
        let gamma: Tensor
    }

    init() {}

    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let mean = x.mean(axis: 1, keepDims: true)
        let invStd = 1.0 / sqrt(x.variance(axis: 1, keepDims: true) + eps)
        let xhat = (x - mean) * invStd
        return (gamma * xhat + beta, Cache(xhat: xhat, invStd: invStd, gamma: gamma))
    }

    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let d = Double(dout.shape[1])
        let dxhat = dout * cache.gamma
        let dx = cache.invStd / d * (d * dxhat - dxhat.sum(axis: 1, keepDims: true)
                                     - cache.xhat * (dxhat * cache.xhat).sum(axis: 1, keepDims: true))
        return (dx, (dout * cache.xhat).sum(axis: 0), dout.sum(axis: 0))
    }
}

fileprivate struct NetDropout: DropoutLayer {
    struct Cache {
        let mask: Tensor?
    }

    init() {}

    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        guard parameters.mode == .train else { return (x, Cache(mask: nil)) }
        var generator = parameters.makeGenerator()
        let u = Tensor.randomUniform(x.shape, low: 0, high: 1, using: &generator)
        let mask = (u .< parameters.keepProbability) / parameters.keepProbability
        return (x * mask, Cache(mask: mask))
    }

    func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        cache.mask.map { dout * $0 } ?? dout
    }
}
