import Curriculum
import TensorKit

/// Exercise `fc-net`: a fully-connected network of any depth, built on my own
/// Affine, ReLU, BatchNorm, LayerNorm and Dropout from the other exercises.
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
        case plain(AffineReLU<Affine, ReLU>.Cache)
        case batch(AffineBatchNormReLU<Affine, BatchNorm, ReLU>.Cache)
        case layer(AffineLayerNormReLU<Affine, LayerNorm, ReLU>.Cache)
    }

    private struct Caches {
        var hidden: [HiddenCache] = []
        var dropout: [Dropout.Cache?] = []
        var last: Affine.Cache? = nil
    }

    private func forwardPass(_ x: Tensor, mode: Mode, states: inout [BatchNormState]) -> (Tensor, Caches) {
        var caches = Caches()
        var h = x
        for i in 1..<layerCount {
            let w = params["W\(i)"]!, b = params["b\(i)"]!
            switch configuration.normalization {
            case .none:
                let (out, cache) = AffineReLU<Affine, ReLU>().forward(h, w, b)
                h = out
                caches.hidden.append(.plain(cache))
            case .batch:
                let (out, cache) = AffineBatchNormReLU<Affine, BatchNorm, ReLU>().forward(
                    h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!,
                    mode: mode, state: &states[i - 1])
                h = out
                caches.hidden.append(.batch(cache))
            case .layer:
                let (out, cache) = AffineLayerNormReLU<Affine, LayerNorm, ReLU>().forward(
                    h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!)
                h = out
                caches.hidden.append(.layer(cache))
            }
            if configuration.keepProbability < 1 {
                let parameters = DropoutParameters(keepProbability: configuration.keepProbability,
                                                   mode: mode, seed: configuration.dropoutSeed)
                let (out, cache) = Dropout().forward(h, parameters: parameters)
                h = out
                caches.dropout.append(cache)
            } else {
                caches.dropout.append(nil)
            }
        }
        let (scores, lastCache) = Affine().forward(h, params["W\(layerCount)"]!, params["b\(layerCount)"]!)
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
        var (dh, dwL, dbL) = Affine().backward(dscores, cache: caches.last!)
        grads["W\(L)"] = dwL
        grads["b\(L)"] = dbL
        for i in stride(from: L - 1, through: 1, by: -1) {
            if let dropoutCache = caches.dropout[i - 1] {
                dh = Dropout().backward(dh, cache: dropoutCache)
            }
            switch caches.hidden[i - 1] {
            case .plain(let cache):
                let (dx, dw, db) = AffineReLU<Affine, ReLU>().backward(dh, cache: cache)
                dh = dx; grads["W\(i)"] = dw; grads["b\(i)"] = db
            case .batch(let cache):
                let (dx, dw, db, dgamma, dbeta) =
                    AffineBatchNormReLU<Affine, BatchNorm, ReLU>().backward(dh, cache: cache)
                dh = dx; grads["W\(i)"] = dw; grads["b\(i)"] = db
                grads["gamma\(i)"] = dgamma; grads["beta\(i)"] = dbeta
            case .layer(let cache):
                let (dx, dw, db, dgamma, dbeta) =
                    AffineLayerNormReLU<Affine, LayerNorm, ReLU>().backward(dh, cache: cache)
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
