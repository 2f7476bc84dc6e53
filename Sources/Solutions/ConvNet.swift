import Curriculum
import TensorKit

/// The reference convolutional network: ``ConvNetwork`` with the reference affine layer,
/// spatial batch norm and ReLU.
public typealias ConvNet = ConvNetwork<Affine, SpatialBatchNorm, ReLU>

/// A convolutional network of any depth,
/// `{conv – [spatial batch norm] – ReLU – [2×2 max pool]} × M – {affine – ReLU} × K – affine – softmax`,
/// built from the reference layers through Curriculum's sandwiches, with `AffineType`,
/// `SpatialBatchNormType` and `HiddenReLUType` for the affine layers, the batch norm and
/// the ReLU after each hidden affine layer (the mistake catalogue puts its mistaken
/// layers there).
public struct ConvNetwork<AffineType: AffineLayer, SpatialBatchNormType: SpatialBatchNormLayer, HiddenReLUType: ReLULayer>:
    ConvNetClassifier
{
    /// `W1 … WL`, `b1 … bL`, and with batch norm `gamma<i>`, `beta<i>` for each conv layer.
    public var params: [String: Tensor]
    public let configuration: ConvNetConfiguration
    /// One state per conv layer with batch norm, `[]` otherwise.
    public var batchNormStates: [BatchNormState]

    private let plainLayer = ConvReLUPool(relu: ReLU())
    private let batchNormLayer = ConvBatchNormReLUPool(batchNorm: SpatialBatchNormType(), relu: ReLU())
    private let hiddenLayer = AffineReLU(affine: AffineType(), relu: HiddenReLUType())
    private let outputLayer = AffineType()

    /// Weights from `configuration.initialization`, drawn layer by layer from one
    /// `SeededGenerator(seed: configuration.seed)` — a conv layer's fan-in is `C · K · K`,
    /// the values each output sums over; zero biases; with batch norm, `gamma` ones and
    /// `beta` zeros for each conv layer.
    public init(_ configuration: ConvNetConfiguration) {
        var generator = SeededGenerator(seed: configuration.seed)
        var params: [String: Tensor] = [:]
        var channels = configuration.inputShape[0]
        let k = configuration.filterSize
        for (index, filters) in configuration.filters.enumerated() {
            let layer = index + 1, fanIn = channels * k * k
            params["W\(layer)"] = Tensor.randomNormal(
                [filters, channels, k, k], standardDeviation: configuration.initialization.standardDeviation(fanIn: fanIn),
                using: &generator)
            params["b\(layer)"] = .zeros([filters])
            if configuration.batchNorm {
                params["gamma\(layer)"] = .ones([filters])
                params["beta\(layer)"] = .zeros([filters])
            }
            channels = filters
        }
        let widths = [Self.flattenedDimension(configuration)] + configuration.hiddenDimensions + [configuration.classes]
        for (index, (fanIn, fanOut)) in zip(widths, widths.dropFirst()).enumerated() {
            let layer = configuration.filters.count + index + 1
            params["W\(layer)"] = configuration.initialization.weights(fanIn: fanIn, fanOut: fanOut, using: &generator)
            params["b\(layer)"] = .zeros([fanOut])
        }
        self.configuration = configuration
        self.params = params
        self.batchNormStates = configuration.batchNorm
            ? Array(repeating: BatchNormState(), count: configuration.filters.count) : []
    }

    /// `F · H′ · W′`: the length of one image's last feature maps, flattened for the first
    /// affine layer; each pool halves the height and width, rounding down.
    public static func flattenedDimension(_ configuration: ConvNetConfiguration) -> Int {
        let (c, h, w) = (configuration.inputShape[0], configuration.inputShape[1], configuration.inputShape[2])
        let halvings = configuration.pools.count
        let height = (0..<halvings).reduce(h) { size, _ in size / 2 }
        let width = (0..<halvings).reduce(w) { size, _ in size / 2 }
        return (configuration.filters.last ?? c) * height * width
    }

    /// Test mode: batch norm uses (and keeps) its running statistics.
    /// - Parameter x: images `(N, C, H, W)`.
    /// - Returns: scores `(N, classes)`.
    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forward(x, mode: .test, batchNormStates: &states).scores
    }

    /// Train mode: the softmax loss plus `0.5 · reg · Σ W<i>²` over every weight tensor
    /// (filters and affine weights), and its gradients. Updates the running statistics.
    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, caches) = forward(x, mode: .train, batchNormStates: &batchNormStates)
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        return regularized(dataLoss, backward(dscores, caches: caches), layers: layerCount, reg: configuration.reg)
    }
}

// MARK: - Forward and backward passes

extension ConvNetwork {
    /// The number of conv layers.
    private var convolutionCount: Int { configuration.filters.count }

    /// `L`: every layer with weights, conv, hidden affine and output.
    private var layerCount: Int { convolutionCount + configuration.hiddenDimensions.count + 1 }

    /// What one conv layer's sandwich kept, with or without batch norm.
    private enum ConvolutionLayerCache {
        case plain(ConvReLUPool<ReLU>.Cache)
        case batchNorm(ConvBatchNormReLUPool<SpatialBatchNormType, ReLU>.Cache)
    }

    /// Every layer's cache, first to last.
    private struct Caches {
        var convolutions: [ConvolutionLayerCache]
        var hidden: [AffineReLU<AffineType, HiddenReLUType>.Cache]
        var output: AffineType.Cache
    }

    private func forward(_ x: Tensor, mode: Mode, batchNormStates: inout [BatchNormState])
        -> (scores: Tensor, caches: Caches)
    {
        var convolutions: [ConvolutionLayerCache] = []
        var hidden: [AffineReLU<AffineType, HiddenReLUType>.Cache] = []
        var h = x
        for index in 0..<convolutionCount {
            let layer = index + 1
            let (w, b) = (parameter(named: "W\(layer)"), parameter(named: "b\(layer)"))
            let poolSize = configuration.pools.contains(index) ? 2 : nil
            if configuration.batchNorm {
                let (out, cache) = batchNormLayer.forward(
                    h, w, b, gamma: parameter(named: "gamma\(layer)"), beta: parameter(named: "beta\(layer)"),
                    padding: configuration.padding, poolSize: poolSize, mode: mode, state: &batchNormStates[index])
                h = out
                convolutions.append(.batchNorm(cache))
            } else {
                let (out, cache) = plainLayer.forward(h, w, b, padding: configuration.padding, poolSize: poolSize)
                h = out
                convolutions.append(.plain(cache))
            }
        }
        // The affine layers read each image's feature maps `(F, H′, W′)` as one row.
        for layer in (convolutionCount + 1)..<layerCount {
            let (out, cache) = hiddenLayer.forward(h, parameter(named: "W\(layer)"), parameter(named: "b\(layer)"))
            h = out
            hidden.append(cache)
        }
        let (scores, outputCache) = outputLayer.forward(
            h, parameter(named: "W\(layerCount)"), parameter(named: "b\(layerCount)"))
        return (scores, Caches(convolutions: convolutions, hidden: hidden, output: outputCache))
    }

    /// The gradients of the data loss (without regularization), by parameter name.
    private func backward(_ dscores: Tensor, caches: Caches) -> [String: Tensor] {
        var grads: [String: Tensor] = [:]
        var (dh, dw, db) = outputLayer.backward(dscores, cache: caches.output)
        grads["W\(layerCount)"] = dw
        grads["b\(layerCount)"] = db
        for (index, cache) in caches.hidden.enumerated().reversed() {
            let layer = convolutionCount + index + 1
            (dh, dw, db) = hiddenLayer.backward(dh, cache: cache)
            grads["W\(layer)"] = dw
            grads["b\(layer)"] = db
        }
        for (index, cache) in caches.convolutions.enumerated().reversed() {
            let layer = index + 1
            switch cache {
            case .plain(let cache):
                (dh, dw, db) = plainLayer.backward(dh, cache: cache)
            case .batchNorm(let cache):
                let gradients = batchNormLayer.backward(dh, cache: cache)
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
