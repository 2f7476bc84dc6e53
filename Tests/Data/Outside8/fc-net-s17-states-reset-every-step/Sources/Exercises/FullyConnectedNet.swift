import Curriculum
import TensorKit

/// Fully-connected net from Curriculum's sandwiches around my own layers; caches in an enum.
public struct FullyConnectedNet: FullyConnectedClassifier {
    public var params: [String: Tensor]
    public let configuration: NetworkConfiguration
    public var batchNormStates: [BatchNormState]

    enum LayerCache {
        case plain(AffineReLU<Affine, ReLU>.Cache)
        case batch(AffineBatchNormReLU<Affine, BatchNorm, ReLU>.Cache)
        case layer(AffineLayerNormReLU<Affine, LayerNorm, ReLU>.Cache)
    }

    var layerCount: Int { configuration.hiddenDimensions.count + 1 }

    public init(_ configuration: NetworkConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.normalization == .batch
            ? Array(repeating: BatchNormState(), count: configuration.hiddenDimensions.count)
            : []
        let dims = [configuration.inputDimension] + configuration.hiddenDimensions + [configuration.classes]
        var generator = SeededGenerator(seed: configuration.seed)
        for i in 1...(dims.count - 1) {
            params["W\(i)"] = configuration.initialization.weights(fanIn: dims[i - 1], fanOut: dims[i], using: &generator)
            params["b\(i)"] = Tensor.zeros([dims[i]])
            if configuration.normalization != nil && i < dims.count - 1 {
                params["gamma\(i)"] = Tensor.ones([dims[i]])
                params["beta\(i)"] = Tensor.zeros([dims[i]])
            }
        }
    }

    func forward(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, caches: [LayerCache], dropouts: [Dropout.Cache?], last: Affine.Cache)
    {
        var h = x
        var caches: [LayerCache] = []
        var dropouts: [Dropout.Cache?] = []
        let useDropout = configuration.keepProbability < 1
        for i in 1..<layerCount {
            let w = params["W\(i)"]!, b = params["b\(i)"]!
            switch configuration.normalization {
            case .none:
                let (out, cache) = AffineReLU<Affine, ReLU>().forward(h, w, b)
                h = out
                caches.append(.plain(cache))
            case .batch:
                let (out, cache) = AffineBatchNormReLU<Affine, BatchNorm, ReLU>().forward(
                    h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!, mode: mode, state: &states[i - 1])
                h = out
                caches.append(.batch(cache))
            case .layer:
                let (out, cache) = AffineLayerNormReLU<Affine, LayerNorm, ReLU>().forward(
                    h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!)
                h = out
                caches.append(.layer(cache))
            }
            if useDropout {
                let parameters = DropoutParameters(keepProbability: configuration.keepProbability, mode: mode,
                                                   seed: configuration.dropoutSeed)
                let (out, cache) = Dropout().forward(h, parameters: parameters)
                h = out
                dropouts.append(cache)
            } else {
                dropouts.append(nil)
            }
        }
        let (scores, last) = Affine().forward(h, params["W\(layerCount)"]!, params["b\(layerCount)"]!)
        return (scores, caches, dropouts, last)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forward(x, mode: .test, states: &states).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = Array(repeating: BatchNormState(), count: batchNormStates.count)
        let (scores, caches, dropouts, last) = forward(x, mode: .train, states: &states)
        batchNormStates = states
        var (loss, dscores) = softmaxLoss(scores, labels: labels)
        let reg = configuration.reg
        for i in 1...layerCount {
            let w = params["W\(i)"]!
            loss += 0.5 * reg * (w * w).sum().scalar
        }
        var grads: [String: Tensor] = [:]
        let L = layerCount
        var (dh, dw, db) = Affine().backward(dscores, cache: last)
        grads["W\(L)"] = dw + reg * params["W\(L)"]!
        grads["b\(L)"] = db
        for i in stride(from: L - 1, through: 1, by: -1) {
            if let dropCache = dropouts[i - 1] {
                dh = Dropout().backward(dh, cache: dropCache)
            }
            switch caches[i - 1] {
            case .plain(let cache):
                (dh, dw, db) = AffineReLU<Affine, ReLU>().backward(dh, cache: cache)
            case .batch(let cache):
                let r = AffineBatchNormReLU<Affine, BatchNorm, ReLU>().backward(dh, cache: cache)
                (dh, dw, db) = (r.dx, r.dw, r.db)
                grads["gamma\(i)"] = r.dgamma
                grads["beta\(i)"] = r.dbeta
            case .layer(let cache):
                let r = AffineLayerNormReLU<Affine, LayerNorm, ReLU>().backward(dh, cache: cache)
                (dh, dw, db) = (r.dx, r.dw, r.db)
                grads["gamma\(i)"] = r.dgamma
                grads["beta\(i)"] = r.dbeta
            }
            grads["W\(i)"] = dw + reg * params["W\(i)"]!
            grads["b\(i)"] = db
        }
        return (loss, grads)
    }
}
