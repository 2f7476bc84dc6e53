import Curriculum
import TensorKit

/// Fully-connected net from Curriculum's sandwiches around the student's own layers.
public struct FullyConnectedNet: FullyConnectedClassifier {
    public var params: [String: Tensor]
    public let configuration: NetworkConfiguration
    public var batchNormStates: [BatchNormState]

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

    private var layerCount: Int { configuration.hiddenDimensions.count + 1 }

    public init(_ configuration: NetworkConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.normalization == .batch
            ? Array(repeating: BatchNormState(), count: configuration.hiddenDimensions.count)
            : []
        let sizes = [configuration.inputDimension] + configuration.hiddenDimensions + [configuration.classes]
        var generator = SeededGenerator(seed: configuration.seed)
        for i in 1..<sizes.count {
            params["W\(i)"] = configuration.initialization.weights(fanIn: sizes[i - 1], fanOut: sizes[i],
                                                                    using: &generator)
            params["b\(i)"] = Tensor.zeros([sizes[i]])
            if configuration.normalization != nil && i < sizes.count - 1 {
                params["gamma\(i)"] = Tensor.ones([sizes[i]])
                params["beta\(i)"] = Tensor.zeros([sizes[i]])
            }
        }
    }

    private func forward(_ x: Tensor, mode: Mode, states: inout [BatchNormState]) -> (Tensor, Caches) {
        var caches = Caches()
        var h = x
        for i in 1..<layerCount {
            let w = params["W\(i)"]!, b = params["b\(i)"]!
            switch configuration.normalization {
            case .none:
                let (out, cache) = AffineReLU(affine: Affine(), relu: ReLU()).forward(h, w, b)
                h = out
                caches.hidden.append(.plain(cache))
            case .batch:
                let (out, cache) = AffineBatchNormReLU(affine: Affine(), batchNorm: BatchNorm(), relu: ReLU())
                    .forward(h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!,
                             mode: mode, state: &states[i - 1])
                h = out
                caches.hidden.append(.batch(cache))
            case .layer:
                let (out, cache) = AffineLayerNormReLU(affine: Affine(), layerNorm: LayerNorm(), relu: ReLU())
                    .forward(h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!)
                h = out
                caches.hidden.append(.layer(cache))
            }
            if configuration.keepProbability < 1 {
                let parameters = DropoutParameters(keepProbability: configuration.keepProbability, mode: mode,
                                                   seed: configuration.dropoutSeed)
                let (out, cache) = Dropout().forward(h, parameters: parameters)
                h = out
                caches.dropout.append(cache)
            } else {
                caches.dropout.append(nil)
            }
        }
        let (scores, last) = Affine().forward(h, params["W\(layerCount)"]!, params["b\(layerCount)"]!)
        caches.last = last
        return (scores, caches)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forward(x, mode: .test, states: &states).0
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, caches) = forward(x, mode: .train, states: &states)
        batchNormStates = states
        var (loss, dscores) = softmaxLoss(scores, labels: labels)
        for i in 1...layerCount {
            let w = params["W\(i)"]!
            loss += 0.5 * configuration.reg * (w * w).sum().scalar
        }

        var grads: [String: Tensor] = [:]
        var (dh, dw, db) = Affine().backward(dscores, cache: caches.last!)
        grads["W\(layerCount)"] = dw
        grads["b\(layerCount)"] = db
        for i in stride(from: layerCount - 1, through: 1, by: -1) {
            switch caches.hidden[i - 1] {
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
            if let dropoutCache = caches.dropout[i - 1] {
                dh = Dropout().backward(dh, cache: dropoutCache)
            }
        }
        for i in 1...layerCount {
            grads["W\(i)"]! += configuration.reg * params["W\(i)"]!
        }
        return (loss, grads)
    }
}
