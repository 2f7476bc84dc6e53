import Curriculum
import TensorKit

/// Fully-connected net from Curriculum's sandwiches, caches in an enum.
public struct FullyConnectedNet: FullyConnectedClassifier {
    public var params: [String: Tensor]
    public let configuration: NetworkConfiguration
    public var batchNormStates: [BatchNormState]

    enum LayerCache {
        case plain(AffineReLU<Affine, ReLU>.Cache)
        case batch(AffineBatchNormReLU<Affine, BatchNorm, ReLU>.Cache)
        case layer(AffineLayerNormReLU<Affine, LayerNorm, ReLU>.Cache)
    }

    public init(_ configuration: NetworkConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.normalization == .batch
            ? Array(repeating: BatchNormState(), count: configuration.hiddenDimensions.count)
            : []
        var generator = SeededGenerator(seed: configuration.seed)
        let sizes = [configuration.inputDimension] + configuration.hiddenDimensions + [configuration.classes]
        for i in 1..<sizes.count {
            params["W\(i)"] = configuration.initialization.weights(fanIn: sizes[i - 1], fanOut: sizes[i], using: &generator)
            params["b\(i)"] = Tensor.zeros([sizes[i]])
            if configuration.normalization != nil && i < sizes.count - 1 {
                params["gamma\(i)"] = Tensor.ones([sizes[i]])
                params["beta\(i)"] = Tensor.zeros([sizes[i]])
            }
        }
    }

    var layerCount: Int { configuration.hiddenDimensions.count + 1 }

    func run(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, caches: [LayerCache], dropouts: [Dropout.Cache?], last: Affine.Cache)
    {
        var h = x
        var caches: [LayerCache] = []
        var dropouts: [Dropout.Cache?] = []
        let dropoutParameters = DropoutParameters(keepProbability: configuration.keepProbability, mode: mode,
                                                  seed: configuration.dropoutSeed)
        for i in 1..<layerCount {
            let w = params["W\(i)"]!, b = params["b\(i)"]!
            switch configuration.normalization {
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
            case nil:
                let (out, cache) = AffineReLU<Affine, ReLU>().forward(h, w, b)
                h = out
                caches.append(.plain(cache))
            }
            if configuration.keepProbability < 1 {
                let (out, cache) = Dropout().forward(h, parameters: dropoutParameters)
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
        return run(x, mode: .test, states: &states).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, caches, dropouts, lastCache) = run(x, mode: .train, states: &states)
        batchNormStates = states
        let L = layerCount
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        var regSum = 0.0
        for i in 1...L {
            let w = params["W\(i)"]!
            regSum += (w * w).sum().scalar
        }
        let loss = dataLoss + 0.5 * configuration.reg * regSum
        var grads: [String: Tensor] = [:]
        var (dh, dw, db) = Affine().backward(dscores, cache: lastCache)
        grads["W\(L)"] = dw + configuration.reg * params["W\(L)"]!
        grads["b\(L)"] = db
        for i in stride(from: L - 1, through: 1, by: -1) {
            if let dropCache = dropouts[i - 1] {
                dh = Dropout().backward(dh, cache: dropCache)
            }
            switch caches[i - 1] {
            case .plain(let cache):
                (dh, dw, db) = AffineReLU<Affine, ReLU>().backward(dh, cache: cache)
            case .batch(let cache):
                let g = AffineBatchNormReLU<Affine, BatchNorm, ReLU>().backward(dh, cache: cache)
                (dh, dw, db) = (g.dx, g.dw, g.db)
                grads["gamma\(i)"] = g.dgamma
                grads["beta\(i)"] = g.dbeta
            case .layer(let cache):
                let g = AffineLayerNormReLU<Affine, LayerNorm, ReLU>().backward(dh, cache: cache)
                (dh, dw, db) = (g.dx, g.dw, g.db)
                grads["gamma\(i)"] = g.dgamma
                grads["beta\(i)"] = g.dbeta
            }
            grads["W\(i)"] = dw + configuration.reg * params["W\(i)"]!
            grads["b\(i)"] = db
        }
        return (loss, grads)
    }
}
