import Curriculum
import TensorKit

/// ConvNet from Curriculum's conv sandwiches around the student's layers; Affine flattens.
public struct ConvNet: ConvNetClassifier {
    public var params: [String: Tensor]
    public let configuration: ConvNetConfiguration
    public var batchNormStates: [BatchNormState]

    enum ConvCache {
        case plain(ConvReLUPool<ReLU>.Cache)
        case normalized(ConvBatchNormReLUPool<SpatialBatchNorm, ReLU>.Cache)
    }

    struct Caches {
        var conv: [ConvCache] = []
        var affine: [Affine.Cache] = []
        var relu: [ReLU.Cache] = []
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
        var layer = 1
        for (index, f) in configuration.filters.enumerated() {
            let std = configuration.initialization.standardDeviation(fanIn: channels * k * k)
            params["W\(layer)"] = Tensor.randomNormal([channels, f, k, k], standardDeviation: std, using: &generator)
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
            layer += 1
        }
        var fanIn = channels * height * width
        for d in configuration.hiddenDimensions + [configuration.classes] {
            let std = configuration.initialization.standardDeviation(fanIn: fanIn)
            params["W\(layer)"] = Tensor.randomNormal([fanIn, d], standardDeviation: std, using: &generator)
            params["b\(layer)"] = Tensor.zeros([d])
            fanIn = d
            layer += 1
        }
    }

    func forward(_ x: Tensor, mode: Mode, states: inout [BatchNormState]) -> (Tensor, Caches) {
        var caches = Caches()
        var h = x
        let m = configuration.filters.count
        for i in 0..<m {
            let layer = i + 1
            let pool: Int? = configuration.pools.contains(i) ? 2 : nil
            if configuration.batchNorm {
                let (out, cache) = ConvBatchNormReLUPool(batchNorm: SpatialBatchNorm(), relu: ReLU()).forward(
                    h, params["W\(layer)"]!, params["b\(layer)"]!, gamma: params["gamma\(layer)"]!,
                    beta: params["beta\(layer)"]!, padding: configuration.padding, poolSize: pool, mode: mode,
                    state: &states[i])
                h = out
                caches.conv.append(.normalized(cache))
            } else {
                let (out, cache) = ConvReLUPool(relu: ReLU()).forward(
                    h, params["W\(layer)"]!, params["b\(layer)"]!, padding: configuration.padding, poolSize: pool)
                h = out
                caches.conv.append(.plain(cache))
            }
        }
        let k = configuration.hiddenDimensions.count
        for j in 0...k {
            let layer = m + j + 1
            let (a, ac) = Affine().forward(h, params["W\(layer)"]!, params["b\(layer)"]!)
            caches.affine.append(ac)
            if j < k {
                let (r, rc) = ReLU().forward(a)
                caches.relu.append(rc)
                h = r
            } else {
                h = a
            }
        }
        return (h, caches)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forward(x, mode: .test, states: &states).0
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, caches) = forward(x, mode: .train, states: &states)
        batchNormStates = states
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let m = configuration.filters.count
        let k = configuration.hiddenDimensions.count
        let total = m + k + 1
        let reg = configuration.reg
        var loss = dataLoss
        for layer in 1...total {
            let w = params["W\(layer)"]!
            loss += 0.5 * reg * (w * w).sum().scalar
        }
        var grads: [String: Tensor] = [:]
        var dh = dscores
        for j in stride(from: k, through: 0, by: -1) {
            let layer = m + j + 1
            if j < k {
                dh = ReLU().backward(dh, cache: caches.relu[j])
            }
            let g = Affine().backward(dh, cache: caches.affine[j])
            grads["W\(layer)"] = g.dw + reg * params["W\(layer)"]!
            grads["b\(layer)"] = g.db
            dh = g.dx
        }
        for i in stride(from: m - 1, through: 0, by: -1) {
            let layer = i + 1
            switch caches.conv[i] {
            case .plain(let cache):
                let g = ConvReLUPool(relu: ReLU()).backward(dh, cache: cache)
                grads["W\(layer)"] = g.dw + reg * params["W\(layer)"]!
                grads["b\(layer)"] = g.db
                dh = g.dx
            case .normalized(let cache):
                let g = ConvBatchNormReLUPool(batchNorm: SpatialBatchNorm(), relu: ReLU()).backward(dh, cache: cache)
                grads["W\(layer)"] = g.dw + reg * params["W\(layer)"]!
                grads["b\(layer)"] = g.db
                grads["gamma\(layer)"] = g.dgamma
                grads["beta\(layer)"] = g.dbeta
                dh = g.dx
            }
        }
        return (loss, grads)
    }
}
