import Curriculum
import TensorKit

/// ConvNet from Curriculum's conv sandwiches around the student's ReLU, spatial batch norm and
/// Affine (which flattens the last feature maps itself).
public struct ConvNet: ConvNetClassifier {
    public var params: [String: Tensor]
    public let configuration: ConvNetConfiguration
    public var batchNormStates: [BatchNormState]

    private enum ConvCache {
        case plain(ConvReLUPool<ReLU>.Cache)
        case normalized(ConvBatchNormReLUPool<SpatialBatchNorm, ReLU>.Cache)
    }

    private struct Caches {
        var conv: [ConvCache] = []
        var hidden: [AffineReLU<Affine, ReLU>.Cache] = []
        var last: Affine.Cache? = nil
    }

    public init(_ configuration: ConvNetConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.batchNorm
            ? Array(repeating: BatchNormState(), count: configuration.filters.count)
            : []
        var generator = SeededGenerator(seed: configuration.seed)
        let k = configuration.filterSize
        var channels = configuration.inputShape[0]
        var height = configuration.inputShape[1]
        var width = configuration.inputShape[2]
        for (index, filters) in configuration.filters.enumerated() {
            let i = index + 1
            let std = configuration.initialization.standardDeviation(fanIn: channels * k * k)
            params["W\(i)"] = Tensor.randomNormal([filters, channels, k, k], standardDeviation: std, using: &generator)
            params["b\(i)"] = Tensor.zeros([filters])
            if configuration.batchNorm {
                params["gamma\(i)"] = Tensor.ones([filters])
                params["beta\(i)"] = Tensor.zeros([filters])
            }
            if configuration.pools.contains(index) {
                height /= 2
                width /= 2
            }
            channels = filters
        }
        var fanIn = channels * height * width
        let affineSizes = configuration.hiddenDimensions + [configuration.classes]
        for (offset, size) in affineSizes.enumerated() {
            let i = configuration.filters.count + offset + 1
            params["W\(i)"] = configuration.initialization.weights(fanIn: fanIn, fanOut: size, using: &generator)
            params["b\(i)"] = Tensor.zeros([size])
            fanIn = size
        }
    }

    private var layerCount: Int { configuration.filters.count + configuration.hiddenDimensions.count + 1 }

    private func forward(_ x: Tensor, mode: Mode, states: inout [BatchNormState]) -> (Tensor, Caches) {
        var caches = Caches()
        var h = x
        for index in configuration.filters.indices {
            let i = index + 1
            let pool: Int? = configuration.pools.contains(index) ? 2 : nil
            if configuration.batchNorm {
                let (out, cache) = ConvBatchNormReLUPool(batchNorm: SpatialBatchNorm(), relu: ReLU())
                    .forward(h, params["W\(i)"]!, params["b\(i)"]!, gamma: params["gamma\(i)"]!,
                             beta: params["beta\(i)"]!, padding: configuration.padding, poolSize: pool,
                             mode: mode, state: &states[index])
                h = out
                caches.conv.append(.normalized(cache))
            } else {
                let (out, cache) = ConvReLUPool(relu: ReLU())
                    .forward(h, params["W\(i)"]!, params["b\(i)"]!, padding: configuration.padding, poolSize: pool)
                h = out
                caches.conv.append(.plain(cache))
            }
        }
        for offset in configuration.hiddenDimensions.indices {
            let i = configuration.filters.count + offset + 1
            let (out, cache) = AffineReLU(affine: Affine(), relu: ReLU()).forward(h, params["W\(i)"]!, params["b\(i)"]!)
            h = out
            caches.hidden.append(cache)
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
        let reg = configuration.reg
        for i in 1...layerCount {
            let w = params["W\(i)"]!
            loss += 0.5 * reg * (w * w).sum().scalar
        }
        var grads: [String: Tensor] = [:]
        var (dh, dw, db) = Affine().backward(dscores, cache: caches.last!)
        grads["W\(layerCount)"] = dw
        grads["b\(layerCount)"] = db
        for offset in configuration.hiddenDimensions.indices.reversed() {
            let i = configuration.filters.count + offset + 1
            (dh, dw, db) = AffineReLU(affine: Affine(), relu: ReLU()).backward(dh, cache: caches.hidden[offset])
            grads["W\(i)"] = dw
            grads["b\(i)"] = db
        }
        for index in configuration.filters.indices.reversed() {
            let i = index + 1
            switch caches.conv[index] {
            case .plain(let cache):
                (dh, dw, db) = ConvReLUPool(relu: ReLU()).backward(dh, cache: cache)
            case .normalized(let cache):
                let g = ConvBatchNormReLUPool(batchNorm: SpatialBatchNorm(), relu: ReLU()).backward(dh, cache: cache)
                (dh, dw, db) = (g.dx, g.dw, g.db)
                grads["gamma\(i)"] = g.dgamma
                grads["beta\(i)"] = g.dbeta
            }
            grads["W\(i)"] = dw
            grads["b\(i)"] = db
        }
        for i in 1...layerCount {
            grads["W\(i)"] = grads["W\(i)"]! + reg * params["W\(i)"]!
        }
        return (loss, grads)
    }
}
