import Curriculum
import TensorKit

// Fully-connected net assembled from my own layers and Curriculum's sandwiches.
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

    enum LayerCache {
        case plain(AffineReLU<Affine, ReLU>.Cache)
        case batch(AffineBatchNormReLU<Affine, BatchNorm, ReLU>.Cache)
        case layer(AffineLayerNormReLU<Affine, LayerNorm, ReLU>.Cache)
    }

    struct Caches {
        var hidden: [LayerCache] = []
        var dropout: [Dropout.Cache] = []
        var output: Affine.Cache? = nil
    }

    func run(_ x: Tensor, mode: Mode, states: inout [BatchNormState]) -> (Tensor, Caches) {
        var caches = Caches()
        var h = x
        let hiddenCount = configuration.hiddenDimensions.count
        for i in stride(from: 1, through: hiddenCount, by: 1) {
            let w = params["W\(i)"]!, b = params["b\(i)"]!
            switch configuration.normalization {
            case .none:
                let (out, cache) = AffineReLU<Affine, ReLU>().forward(h, w, b)
                h = out
                caches.hidden.append(.plain(cache))
            case .some(.batch):
                let (out, cache) = AffineBatchNormReLU<Affine, BatchNorm, ReLU>().forward(
                    h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!,
                    mode: mode, state: &states[i - 1])
                h = out
                caches.hidden.append(.batch(cache))
            case .some(.layer):
                let (out, cache) = AffineLayerNormReLU<Affine, LayerNorm, ReLU>().forward(
                    h, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!)
                h = out
                caches.hidden.append(.layer(cache))
            }
            if configuration.keepProbability < 1 {
                let parameters = DropoutParameters(keepProbability: configuration.keepProbability,
                                                   mode: .train, seed: configuration.dropoutSeed)
                let (out, cache) = Dropout().forward(h, parameters: parameters)
                h = out
                caches.dropout.append(cache)
            }
        }
        let last = hiddenCount + 1
        let (scores, outCache) = Affine().forward(h, params["W\(last)"]!, params["b\(last)"]!)
        caches.output = outCache
        return (scores, caches)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var copy = batchNormStates
        return run(x, mode: .test, states: &copy).0
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, caches) = run(x, mode: .train, states: &states)
        batchNormStates = states

        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let last = configuration.hiddenDimensions.count + 1
        var regLoss = 0.0
        for i in 1...last {
            regLoss += 0.5 * configuration.reg * (params["W\(i)"]! * params["W\(i)"]!).sum().scalar
        }

        var grads: [String: Tensor] = [:]
        var (dh, dw, db) = Affine().backward(dscores, cache: caches.output!)
        grads["W\(last)"] = dw
        grads["b\(last)"] = db
        for i in stride(from: last - 1, through: 1, by: -1) {
            if configuration.keepProbability < 1 {
                dh = Dropout().backward(dh, cache: caches.dropout[i - 1])
            }
            switch caches.hidden[i - 1] {
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
            grads["W\(i)"] = dw
            grads["b\(i)"] = db
        }
        for i in 1...last {
            grads["W\(i)"]! += configuration.reg * params["W\(i)"]!
        }
        return (dataLoss + regLoss, grads)
    }
}
