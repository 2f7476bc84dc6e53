import Curriculum
import Foundation
import TensorKit

// Private layer implementations: this file does not depend on the other exercise files.

fileprivate struct FCAffine: AffineLayer {
    struct Cache { var x: Tensor; var w: Tensor }
    init() {}
    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        (x.flattenedBatch().matmul(w) + b, Cache(x: x, w: w))
    }
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let dx = dout.matmul(cache.w, transposingOther: true).reshaped(cache.x.shape)
        return (dx, cache.x.flattenedBatch().matmul(dout, transposingSelf: true), dout.sum(axis: 0))
    }
}

fileprivate struct FCReLU: ReLULayer {
    struct Cache { var x: Tensor }
    init() {}
    func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) { (maximum(x, 0), Cache(x: x)) }
    func backward(_ dout: Tensor, cache: Cache) -> Tensor { dout * (cache.x .> 0) }
}

fileprivate struct FCBatchNorm: BatchNormLayer {
    struct Cache { var xhat: Tensor; var std: Tensor; var gamma: Tensor }
    init() {}
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let d = x.shape[1]
        var mean = state.runningMean ?? Tensor.zeros([d])
        var variance = state.runningVariance ?? Tensor.zeros([d])
        if mode == .train {
            let batchMean = x.mean(axis: 0), batchVariance = x.variance(axis: 0)
            state.runningMean = state.momentum * mean + (1 - state.momentum) * batchMean
            state.runningVariance = state.momentum * variance + (1 - state.momentum) * batchVariance
            mean = batchMean
            variance = batchVariance
        }
        let std = sqrt(variance + state.eps)
        let xhat = (x - mean) / std
        return (gamma * xhat + beta, Cache(xhat: xhat, std: std, gamma: gamma))
    }
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let n = Double(dout.shape[0])
        let dbeta = dout.sum(axis: 0)
        let dgamma = (dout * cache.xhat).sum(axis: 0)
        let dx = cache.gamma / (n * cache.std) * (n * dout - dbeta - cache.xhat * dgamma)
        return (dx, dgamma, dbeta)
    }
    func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        backward(dout, cache: cache)
    }
}

fileprivate struct FCLayerNorm: LayerNormLayer {
    struct Cache { var xhat: Tensor; var std: Tensor; var gamma: Tensor }
    init() {}
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Cache) {
        let std = sqrt(x.variance(axis: 1, keepDims: true) + eps)
        let xhat = (x - x.mean(axis: 1, keepDims: true)) / std
        return (gamma * xhat + beta, Cache(xhat: xhat, std: std, gamma: gamma))
    }
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let d = Double(dout.shape[1])
        let g = dout * cache.gamma
        let dx = (d * g - g.sum(axis: 1, keepDims: true)
                  - cache.xhat * (g * cache.xhat).sum(axis: 1, keepDims: true)) / (d * cache.std)
        return (dx, (dout * cache.xhat).sum(axis: 0), dout.sum(axis: 0))
    }
}

fileprivate struct FCDropout: DropoutLayer {
    struct Cache { var mask: Tensor? }
    init() {}
    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        guard parameters.mode == .train else { return (x, Cache(mask: nil)) }
        var generator = parameters.makeGenerator()
        let p = parameters.keepProbability
        let mask = (Tensor.randomUniform(x.shape, low: 0, high: 1, using: &generator) .< p) / p
        return (x * mask, Cache(mask: mask))
    }
    func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        cache.mask.map { dout * $0 } ?? dout
    }
}

/// Fully-connected net built on Curriculum's sandwiches (with the private layers above).
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
                params["gamma\(i)"] = Tensor.ones([fanOut])
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
        var last: FCAffine.Cache?
    }

    private func forwardPass(_ x: Tensor, mode: Mode, states: inout [BatchNormState]) -> (scores: Tensor, caches: Caches) {
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
                    h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!, mode: mode, state: &states[i - 1])
                h = out
                caches.hidden.append(.batch(cache))
            case .layer:
                let (out, cache) = AffineLayerNormReLU<FCAffine, FCLayerNorm, FCReLU>().forward(
                    h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!)
                h = out
                caches.hidden.append(.layer(cache))
            }
            if configuration.keepProbability < 1 {
                let parameters = DropoutParameters(keepProbability: configuration.keepProbability, mode: mode,
                                                   seed: configuration.dropoutSeed)
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
        return forwardPass(x, mode: .test, states: &states).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, caches) = forwardPass(x, mode: .train, states: &states)
        batchNormStates = states
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        var loss = dataLoss
        let weightNames = (1...layerCount).map { "W\($0)" }
        for name in weightNames {
            let w = params[name]!
            loss += 0.5 * configuration.reg * (w * w).sum().scalar
        }

        var grads: [String: Tensor] = [:]
        let (dhLast, dwLast, dbLast) = FCAffine().backward(dscores, cache: caches.last!)
        grads["W\(layerCount)"] = dwLast
        grads["b\(layerCount)"] = dbLast
        var dh = dhLast
        for i in stride(from: layerCount - 1, through: 1, by: -1) {
            if let dropCache = caches.dropout[i - 1] { dh = FCDropout().backward(dh, cache: dropCache) }
            var normGrads: (Tensor, Tensor)? = nil
            switch caches.hidden[i - 1] {
            case .plain(let cache):
                let (dx, dw, db) = AffineReLU<FCAffine, FCReLU>().backward(dh, cache: cache)
                (dh, grads["W\(i)"], grads["b\(i)"]) = (dx, dw, db)
            case .batch(let cache):
                let (dx, dw, db, dgamma, dbeta) = AffineBatchNormReLU<FCAffine, FCBatchNorm, FCReLU>().backward(dh, cache: cache)
                (dh, grads["W\(i)"], grads["b\(i)"]) = (dx, dw, db)
                normGrads = (dgamma, dbeta)
            case .layer(let cache):
                let (dx, dw, db, dgamma, dbeta) = AffineLayerNormReLU<FCAffine, FCLayerNorm, FCReLU>().backward(dh, cache: cache)
                (dh, grads["W\(i)"], grads["b\(i)"]) = (dx, dw, db)
                normGrads = (dgamma, dbeta)
            }
            if let (dgamma, dbeta) = normGrads { grads["gamma\(i)"] = dgamma; grads["beta\(i)"] = dbeta }
        }
        for name in weightNames {
            grads[name] = grads[name]! + configuration.reg * params[name]!
        }
        return (loss, grads)
    }
}
