import Curriculum
import TensorKit

/// ConvNet from Curriculum's conv sandwiches around my ReLU and SpatialBatchNorm, then my
/// Affine and ReLU (Affine flattens the feature maps itself).
public struct ConvNet: ConvNetClassifier {
    public var params: [String: Tensor]
    public let configuration: ConvNetConfiguration
    public var batchNormStates: [BatchNormState]

    enum ConvCache {
        case plain(ConvReLUPool<ReLU>.Cache)
        case normalized(ConvBatchNormReLUPool<SpatialBatchNorm, ReLU>.Cache)
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
        for (index, f) in configuration.filters.enumerated() {
            let layer = index + 1
            let std = configuration.initialization.standardDeviation(fanIn: channels * k * k)
            params["W\(layer)"] = Tensor.randomNormal([f, channels, k, k], standardDeviation: std, using: &generator)
            params["b\(layer)"] = Tensor.zeros([f])
            if configuration.batchNorm {
                params["gamma\(layer)"] = Tensor.ones([f])
                params["beta\(layer)"] = Tensor.zeros([f])
            }
            channels = f
            if configuration.pools.contains(index) {
                height /= 2
                width /= 2
            }
        }
        let dims = [channels * height * width] + configuration.hiddenDimensions + [configuration.classes]
        let first = configuration.filters.count + 1
        for j in 0..<(dims.count - 1) {
            params["W\(first + j)"] = configuration.initialization.weights(fanIn: dims[j], fanOut: dims[j + 1], using: &generator)
            params["b\(first + j)"] = Tensor.zeros([dims[j + 1]])
        }
    }

    func forward(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, conv: [ConvCache], hidden: [AffineReLU<Affine, ReLU>.Cache], last: Affine.Cache)
    {
        var h = x
        var convCaches: [ConvCache] = []
        for index in 0..<configuration.filters.count {
            let layer = index + 1
            let pool: Int? = configuration.pools.contains(index) ? 2 : nil
            let w = params["W\(layer)"]!, b = params["b\(layer)"]!
            if configuration.batchNorm {
                let (out, cache) = ConvBatchNormReLUPool(batchNorm: SpatialBatchNorm(), relu: ReLU()).forward(
                    h, w, b, gamma: params["gamma\(layer)"]!, beta: params["beta\(layer)"]!,
                    padding: configuration.padding, poolSize: pool, mode: mode, state: &states[index])
                h = out
                convCaches.append(.normalized(cache))
            } else {
                let (out, cache) = ConvReLUPool(relu: ReLU()).forward(h, w, b, padding: configuration.padding, poolSize: pool)
                h = out
                convCaches.append(.plain(cache))
            }
        }
        var hiddenCaches: [AffineReLU<Affine, ReLU>.Cache] = []
        var layer = configuration.filters.count + 1
        for _ in configuration.hiddenDimensions {
            let (out, cache) = AffineReLU<Affine, ReLU>().forward(h, params["W\(layer)"]!, params["b\(layer)"]!)
            h = out
            hiddenCaches.append(cache)
            layer += 1
        }
        let (scores, last) = Affine().forward(h, params["W\(layer)"]!, params["b\(layer)"]!)
        return (scores, convCaches, hiddenCaches, last)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forward(x, mode: .train, states: &states).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, convCaches, hiddenCaches, last) = forward(x, mode: .train, states: &states)
        batchNormStates = states
        var (loss, dscores) = softmaxLoss(scores, labels: labels)
        let reg = configuration.reg
        let m = configuration.filters.count
        let total = m + configuration.hiddenDimensions.count + 1
        for layer in 1...total {
            let w = params["W\(layer)"]!
            loss += 0.5 * reg * (w * w).sum().scalar
        }
        var grads: [String: Tensor] = [:]
        var (dh, dw, db) = Affine().backward(dscores, cache: last)
        grads["W\(total)"] = dw
        grads["b\(total)"] = db
        for j in stride(from: hiddenCaches.count - 1, through: 0, by: -1) {
            let layer = m + 1 + j
            (dh, dw, db) = AffineReLU<Affine, ReLU>().backward(dh, cache: hiddenCaches[j])
            grads["W\(layer)"] = dw
            grads["b\(layer)"] = db
        }
        if m > 0 {
            dh = dh.reshaped([x.shape[0]] + Array(shapeAfterConvs(x.shape).dropFirst()))
        }
        for index in stride(from: m - 1, through: 0, by: -1) {
            let layer = index + 1
            switch convCaches[index] {
            case .plain(let cache):
                (dh, dw, db) = ConvReLUPool(relu: ReLU()).backward(dh, cache: cache)
            case .normalized(let cache):
                let r = ConvBatchNormReLUPool(batchNorm: SpatialBatchNorm(), relu: ReLU()).backward(dh, cache: cache)
                (dh, dw, db) = (r.dx, r.dw, r.db)
                grads["gamma\(layer)"] = r.dgamma
                grads["beta\(layer)"] = r.dbeta
            }
            grads["W\(layer)"] = dw
            grads["b\(layer)"] = db
        }
        for layer in 1...total {
            grads["W\(layer)"] = grads["W\(layer)"]! + reg * params["W\(layer)"]!
        }
        return (loss, grads)
    }

    private func shapeAfterConvs(_ input: [Int]) -> [Int] {
        var h = input[2], w = input[3]
        for index in 0..<configuration.filters.count where configuration.pools.contains(index) {
            h /= 2
            w /= 2
        }
        return [input[0], configuration.filters.last!, h, w]
    }
}
