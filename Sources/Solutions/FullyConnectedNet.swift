import Curriculum
import TensorKit

/// The reference fully-connected network: ``FullyConnectedNetwork`` with the reference
/// batch norm and dropout layer.
public typealias FullyConnectedNet = FullyConnectedNetwork<BatchNorm, Dropout>

/// A fully-connected network of any depth:
/// `{affine – [batch or layer norm] – ReLU – [dropout]} × (L − 1) – affine – softmax`,
/// built from the reference layers through Curriculum's sandwiches, with `BatchNormType`
/// and `DropoutType` for batch norm and dropout (the mistake catalogue puts its mistaken
/// layers there).
public struct FullyConnectedNetwork<BatchNormType: BatchNormLayer, DropoutType: DropoutLayer>: FullyConnectedClassifier {
    /// `W1 … WL`, `b1 … bL`, and with normalization `gamma1 … gamma<L−1>`,
    /// `beta1 … beta<L−1>`.
    public var params: [String: Tensor]
    public let configuration: NetworkConfiguration
    /// One state per hidden layer with batch normalization, `[]` otherwise.
    public var batchNormStates: [BatchNormState]

    /// The `eps` of every layer normalization (the course's default).
    public static var layerNormEps: Double { 1e-5 }

    private let plainLayer = AffineReLU(affine: Affine(), relu: ReLU())
    private let batchNormLayer = AffineBatchNormReLU(
        affine: Affine(), batchNorm: BatchNormType(), relu: ReLU())
    private let layerNormLayer = AffineLayerNormReLU(
        affine: Affine(), layerNorm: LayerNorm(), relu: ReLU())
    private let dropout = DropoutType()
    private let outputLayer = Affine()

    /// Weights from `configuration.initialization`, drawn layer by layer from one
    /// `SeededGenerator(seed: configuration.seed)`; zero biases; with normalization,
    /// `gamma` ones and `beta` zeros for each hidden layer.
    public init(_ configuration: NetworkConfiguration) {
        let sizes = [configuration.inputDimension] + configuration.hiddenDimensions
            + [configuration.classes]
        var generator = SeededGenerator(seed: configuration.seed)
        var params: [String: Tensor] = [:]
        for (index, (fanIn, fanOut)) in zip(sizes, sizes.dropFirst()).enumerated() {
            let layer = index + 1
            params["W\(layer)"] = configuration.initialization.weights(
                fanIn: fanIn, fanOut: fanOut, using: &generator)
            params["b\(layer)"] = .zeros([fanOut])
            if configuration.normalization != nil && layer < sizes.count - 1 {
                params["gamma\(layer)"] = .ones([fanOut])
                params["beta\(layer)"] = .zeros([fanOut])
            }
        }
        self.configuration = configuration
        self.params = params
        self.batchNormStates = configuration.normalization == .batch
            ? Array(repeating: BatchNormState(), count: configuration.hiddenDimensions.count)
            : []
    }

    /// Test mode: batch norm uses (and keeps) its running statistics; dropout passes
    /// everything through.
    /// - Parameter x: inputs `(N, D)`.
    /// - Returns: scores `(N, C)`.
    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forward(x, mode: .test, batchNormStates: &states).scores
    }

    /// Train mode: the softmax loss plus `0.5 · reg · Σ W<i>²`, and its gradients.
    /// Updates the batch-norm running statistics.
    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, caches) = forward(x, mode: .train, batchNormStates: &batchNormStates)
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        return regularized(dataLoss, backward(dscores, caches: caches), layers: layerCount, reg: configuration.reg)
    }
}

// MARK: - Forward and backward passes

extension FullyConnectedNetwork {
    /// `L`: the number of affine layers, hidden ones and the output one.
    private var layerCount: Int { configuration.hiddenDimensions.count + 1 }

    /// Dropout follows each hidden ReLU only when some units are to be dropped.
    private var usesDropout: Bool { configuration.keepProbability < 1 }

    /// What one hidden layer's sandwich kept, by normalization.
    private enum SandwichCache {
        case plain(AffineReLU<Affine, ReLU>.Cache)
        case batchNorm(AffineBatchNormReLU<Affine, BatchNormType, ReLU>.Cache)
        case layerNorm(AffineLayerNormReLU<Affine, LayerNorm, ReLU>.Cache)
    }

    /// Every layer's cache, hidden layers first to last.
    private struct Caches {
        var sandwiches: [SandwichCache]
        /// One per hidden layer when dropout is on, empty otherwise.
        var dropouts: [DropoutType.Cache]
        var output: Affine.Cache
    }

    private func forward(_ x: Tensor, mode: Mode, batchNormStates: inout [BatchNormState])
        -> (scores: Tensor, caches: Caches)
    {
        let dropoutParameters = DropoutParameters(
            keepProbability: configuration.keepProbability, mode: mode,
            seed: configuration.dropoutSeed)
        var sandwiches: [SandwichCache] = []
        var dropouts: [DropoutType.Cache] = []
        var h = x
        for layer in 1..<layerCount {
            let (w, b) = (parameter(named: "W\(layer)"), parameter(named: "b\(layer)"))
            switch configuration.normalization {
            case nil:
                let (out, cache) = plainLayer.forward(h, w, b)
                h = out
                sandwiches.append(.plain(cache))
            case .batch:
                let (out, cache) = batchNormLayer.forward(
                    h, w, b, gamma: parameter(named: "gamma\(layer)"),
                    beta: parameter(named: "beta\(layer)"), mode: mode,
                    state: &batchNormStates[layer - 1])
                h = out
                sandwiches.append(.batchNorm(cache))
            case .layer:
                let (out, cache) = layerNormLayer.forward(
                    h, w, b, gamma: parameter(named: "gamma\(layer)"),
                    beta: parameter(named: "beta\(layer)"), eps: Self.layerNormEps)
                h = out
                sandwiches.append(.layerNorm(cache))
            }
            if usesDropout {
                let (out, cache) = dropout.forward(h, parameters: dropoutParameters)
                h = out
                dropouts.append(cache)
            }
        }
        let (scores, outputCache) = outputLayer.forward(
            h, parameter(named: "W\(layerCount)"), parameter(named: "b\(layerCount)"))
        return (scores, Caches(sandwiches: sandwiches, dropouts: dropouts, output: outputCache))
    }

    /// The gradients of the data loss (without regularization), by parameter name.
    private func backward(_ dscores: Tensor, caches: Caches) -> [String: Tensor] {
        var grads: [String: Tensor] = [:]
        var (dh, dw, db) = outputLayer.backward(dscores, cache: caches.output)
        grads["W\(layerCount)"] = dw
        grads["b\(layerCount)"] = db
        for layer in (1..<layerCount).reversed() {
            if usesDropout {
                dh = dropout.backward(dh, cache: caches.dropouts[layer - 1])
            }
            switch caches.sandwiches[layer - 1] {
            case .plain(let cache):
                (dh, dw, db) = plainLayer.backward(dh, cache: cache)
            case .batchNorm(let cache):
                let gradients = batchNormLayer.backward(dh, cache: cache)
                (dh, dw, db) = (gradients.dx, gradients.dw, gradients.db)
                grads["gamma\(layer)"] = gradients.dgamma
                grads["beta\(layer)"] = gradients.dbeta
            case .layerNorm(let cache):
                let gradients = layerNormLayer.backward(dh, cache: cache)
                (dh, dw, db) = (gradients.dx, gradients.dw, gradients.db)
                grads["gamma\(layer)"] = gradients.dgamma
                grads["beta\(layer)"] = gradients.dbeta
            }
            grads["W\(layer)"] = dw
            grads["b\(layer)"] = db
        }
        return grads
    }
}
