import Curriculum
import TensorKit

// The layers this network is built from, written here so that the file stands alone.

fileprivate struct FCAffine: AffineLayer {
    struct Cache { var x: Tensor; var w: Tensor }
    init() {}
    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        (x.flattenedBatch().matmul(w) + b, Cache(x: x, w: w))
    }
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        (dout.matmul(cache.w.transposed()).reshaped(cache.x.shape),
         cache.x.flattenedBatch().transposed().matmul(dout),
         dout.sum(axis: 0))
    }
}

fileprivate struct FCReLU: ReLULayer {
    struct Cache { var x: Tensor }
    init() {}
    func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) { (maximum(x, 0), Cache(x: x)) }
    func backward(_ dout: Tensor, cache: Cache) -> Tensor { dout * (cache.x .> 0) }
}

fileprivate struct FCBatchNorm: BatchNormLayer {
    struct Cache { var xhat: Tensor; var invStd: Tensor; var gamma: Tensor }
    init() {}
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let d = x.shape[1]
        let mean: Tensor, variance: Tensor
        if mode == .train {
            mean = x.mean(axis: 0)
            variance = x.variance(axis: 0)
            let m = state.momentum
            state.runningMean = m * (state.runningMean ?? Tensor.zeros([d])) + (1 - m) * mean
            state.runningVariance = m * (state.runningVariance ?? Tensor.zeros([d])) + (1 - m) * variance
        } else {
            mean = state.runningMean ?? Tensor.zeros([d])
            variance = state.runningVariance ?? Tensor.zeros([d])
        }
        let invStd = 1.0 / sqrt(variance + state.eps)
        let xhat = (x - mean) * invStd
        return (gamma * xhat + beta, Cache(xhat: xhat, invStd: invStd, gamma: gamma))
    }
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dxhat = dout * cache.gamma
        let dx = cache.invStd / n
            * (n * dxhat - dxhat.sum(axis: 0) - cache.xhat * (dxhat * cache.xhat).sum(axis: 0))
        return (dx, (dout * cache.xhat).sum(axis: 0), dout.sum(axis: 0))
    }
    func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        backward(dout, cache: cache)
    }
}

fileprivate struct FCLayerNorm: LayerNormLayer {
    struct Cache { var xhat: Tensor; var invStd: Tensor; var gamma: Tensor }
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
        let dx = cache.invStd / d
            * (d * dxhat - dxhat.sum(axis: 1, keepDims: true)
               - cache.xhat * (dxhat * cache.xhat).sum(axis: 1, keepDims: true))
        return (dx, (dout * cache.xhat).sum(axis: 0), dout.sum(axis: 0))
    }
}

fileprivate struct FCDropout: DropoutLayer {
    struct Cache { var scale: Tensor? }
    init() {}
    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        guard parameters.mode == .train else { return (x, Cache(scale: nil)) }
        var rng = parameters.makeGenerator()
        let p = parameters.keepProbability
        let scale = (Tensor.randomUniform(x.shape, using: &rng) .< p) / p
        return (x * scale, Cache(scale: scale))
    }
    func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        cache.scale.map { dout * $0 } ?? dout
    }
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
            let (fanIn, fanOut) = (sizes[i - 1], sizes[i])
            params["W\(i)"] = configuration.initialization.weights(fanIn: fanIn, fanOut: fanOut, using: &generator)
            params["b\(i)"] = Tensor.zeros([fanOut])
            if configuration.normalization != nil && i < sizes.count - 1 {
                params["gamma\(i)"] = Tensor.zeros([fanOut])
                params["beta\(i)"] = Tensor.zeros([fanOut])
            }
        }
    }

    private var layerCount: Int { configuration.hiddenDimensions.count + 1 }

    private enum HiddenCache {
        case plain(AffineReLU<FCAffine, FCReLU>.Cache)
        case batch(AffineBatchNormReLU<FCAffine, FCBatchNorm, FCReLU>.Cache)
        case layer(AffineLayerNormReLU<FCAffine, FCLayerNorm, FCReLU>.Cache)
    }

    private struct Caches {
        var hidden: [HiddenCache] = []
        var dropout: [FCDropout.Cache?] = []
        var last: FCAffine.Cache? = nil
    }

    private func forwardPass(_ x: Tensor, mode: Mode, states: inout [BatchNormState]) -> (Tensor, Caches) {
        var caches = Caches()
        var h = x
        for i in 1..<layerCount {
            let w = params["W\(i)"]!, b = params["b\(i)"]!
            switch configuration.normalization {
            case .none:
                let (out, cache) = AffineReLU<FCAffine, FCReLU>().forward(h, w, b)
                h = out
                caches.hidden.append(.plain(cache))
            case .batch:
                let (out, cache) = AffineBatchNormReLU<FCAffine, FCBatchNorm, FCReLU>().forward(
                    h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!,
                    mode: mode, state: &states[i - 1])
                h = out
                caches.hidden.append(.batch(cache))
            case .layer:
                let (out, cache) = AffineLayerNormReLU<FCAffine, FCLayerNorm, FCReLU>().forward(
                    h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!)
                h = out
                caches.hidden.append(.layer(cache))
            }
            if configuration.keepProbability < 1 {
                let parameters = DropoutParameters(keepProbability: configuration.keepProbability,
                                                   mode: mode, seed: configuration.dropoutSeed)
                let (out, cache) = FCDropout().forward(h, parameters: parameters)
                h = out
                caches.dropout.append(cache)
            } else {
                caches.dropout.append(nil)
            }
        }
        let (scores, lastCache) = FCAffine().forward(h, params["W\(layerCount)"]!, params["b\(layerCount)"]!)
        caches.last = lastCache
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
        var (loss, dscores) = softmaxLoss(scores, labels: labels)
        var grads: [String: Tensor] = [:]
        let reg = configuration.reg
        for i in 1...layerCount {
            let w = params["W\(i)"]!
            loss += 0.5 * reg * (w * w).sum().scalar
        }
        let L = layerCount
        var (dh, dwL, dbL) = FCAffine().backward(dscores, cache: caches.last!)
        grads["W\(L)"] = dwL
        grads["b\(L)"] = dbL
        for i in stride(from: L - 1, through: 1, by: -1) {
            if let dropoutCache = caches.dropout[i - 1] {
                dh = FCDropout().backward(dh, cache: dropoutCache)
            }
            switch caches.hidden[i - 1] {
            case .plain(let cache):
                let (dx, dw, db) = AffineReLU<FCAffine, FCReLU>().backward(dh, cache: cache)
                dh = dx; grads["W\(i)"] = dw; grads["b\(i)"] = db
            case .batch(let cache):
                let (dx, dw, db, dgamma, dbeta) =
                    AffineBatchNormReLU<FCAffine, FCBatchNorm, FCReLU>().backward(dh, cache: cache)
                dh = dx; grads["W\(i)"] = dw; grads["b\(i)"] = db
                grads["gamma\(i)"] = dgamma; grads["beta\(i)"] = dbeta
            case .layer(let cache):
                let (dx, dw, db, dgamma, dbeta) =
                    AffineLayerNormReLU<FCAffine, FCLayerNorm, FCReLU>().backward(dh, cache: cache)
                dh = dx; grads["W\(i)"] = dw; grads["b\(i)"] = db
                grads["gamma\(i)"] = dgamma; grads["beta\(i)"] = dbeta
            }
        }
        for i in 1...L {
            grads["W\(i)"] = grads["W\(i)"]! + reg * params["W\(i)"]!
        }
        return (loss, grads)
    }
}
