import Curriculum
import TensorKit

/// Fully-connected net from my own layers through Curriculum's sandwiches.
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
        var rng = SeededGenerator(seed: configuration.seed)
        var fanIn = configuration.inputDimension
        for (index, width) in configuration.hiddenDimensions.enumerated() {
            let i = index + 1
            params["W\(i)"] = configuration.initialization.weights(fanIn: fanIn, fanOut: width, using: &rng)
            params["b\(i)"] = .zeros([width])
            if configuration.normalization != nil {
                params["gamma\(i)"] = .ones([width])
                params["beta\(i)"] = .zeros([width])
            }
            fanIn = width
        }
        let last = configuration.hiddenDimensions.count + 1
        params["W\(last)"] = configuration.initialization.weights(fanIn: fanIn, fanOut: configuration.classes, using: &rng)
        params["b\(last)"] = .zeros([configuration.classes])
    }

    private enum LayerCache {
        case plain(AffineReLU<Affine, ReLU>.Cache)
        case batch(AffineBatchNormReLU<Affine, BatchNorm, ReLU>.Cache)
        case layer(AffineLayerNormReLU<Affine, LayerNorm, ReLU>.Cache)
    }

    private func run(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, caches: [LayerCache], dropouts: [Dropout.Cache?], lastCache: Affine.Cache)
    {
        var h = x
        var caches: [LayerCache] = []
        var dropouts: [Dropout.Cache?] = []
        for i in 1..<(configuration.hiddenDimensions.count + 1) {
            let w = params["W\(i)"]!, b = params["b\(i)"]!
            switch configuration.normalization {
            case .batch:
                let (out, cache) = AffineBatchNormReLU(affine: Affine(), batchNorm: BatchNorm(), relu: ReLU())
                    .forward(h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!,
                             mode: mode, state: &states[i - 1])
                h = out
                caches.append(.batch(cache))
            case .layer:
                let (out, cache) = AffineLayerNormReLU(affine: Affine(), layerNorm: LayerNorm(), relu: ReLU())
                    .forward(h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!)
                h = out
                caches.append(.layer(cache))
            case nil:
                let (out, cache) = AffineReLU(affine: Affine(), relu: ReLU()).forward(h, w, b)
                h = out
                caches.append(.plain(cache))
            }
            if configuration.keepProbability < 1 {
                let parameters = DropoutParameters(keepProbability: configuration.keepProbability,
                                                   mode: mode, seed: configuration.dropoutSeed)
                let (out, cache) = Dropout().forward(h, parameters: parameters)
                h = out
                dropouts.append(cache)
            } else {
                dropouts.append(nil)
            }
        }
        let last = configuration.hiddenDimensions.count + 1
        let (scores, lastCache) = Affine().forward(h, params["W\(last)"]!, params["b\(last)"]!)
        return (scores, caches, dropouts, lastCache)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var copy = batchNormStates
        return run(x, mode: .test, states: &copy).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, caches, dropouts, lastCache) = run(x, mode: .train, states: &batchNormStates)
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let reg = configuration.reg
        let last = configuration.hiddenDimensions.count + 1
        var regLoss = 0.0
        for i in 1...last {
            regLoss += (params["W\(i)"]! * params["W\(i)"]!).sum().scalar
        }
        var grads: [String: Tensor] = [:]
        var (dh, dw, db) = Affine().backward(dscores, cache: lastCache)
        grads["W\(last)"] = dw
        grads["b\(last)"] = db
        for i in stride(from: last - 1, to: 0, by: -1) {
            if let dropoutCache = dropouts[i - 1] {
                _ = dropoutCache
            }
            switch caches[i - 1] {
            case .plain(let cache):
                (dh, dw, db) = AffineReLU(affine: Affine(), relu: ReLU()).backward(dh, cache: cache)
            case .batch(let cache):
                let g = AffineBatchNormReLU(affine: Affine(), batchNorm: BatchNorm(), relu: ReLU())
                    .backward(dh, cache: cache)
                (dh, dw, db) = (g.dx, g.dw, g.db)
                grads["gamma\(i)"] = g.dgamma
                grads["beta\(i)"] = g.dbeta
            case .layer(let cache):
                let g = AffineLayerNormReLU(affine: Affine(), layerNorm: LayerNorm(), relu: ReLU())
                    .backward(dh, cache: cache)
                (dh, dw, db) = (g.dx, g.dw, g.db)
                grads["gamma\(i)"] = g.dgamma
                grads["beta\(i)"] = g.dbeta
            }
            grads["W\(i)"] = dw
            grads["b\(i)"] = db
        }
        for i in 1...last {
            grads["W\(i)"]! += reg * params["W\(i)"]!
        }
        return (dataLoss + 0.5 * reg * regLoss, grads)
    }
}
