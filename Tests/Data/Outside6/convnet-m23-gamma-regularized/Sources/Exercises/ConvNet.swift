import Curriculum
import TensorKit

/// ConvNet from the conv sandwiches and my layers, flattening the feature maps myself
/// (row-major, channels first) before the affine layers and folding the gradient back.
/// The first affine fan-in is worked out by halving once per pool.
public struct ConvNet: ConvNetClassifier {
    public var params: [String: Tensor]
    public let configuration: ConvNetConfiguration
    public var batchNormStates: [BatchNormState]

    public init(_ configuration: ConvNetConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.batchNorm
            ? Array(repeating: BatchNormState(), count: configuration.filters.count)
            : []
        var gen = SeededGenerator(seed: configuration.seed)
        let init_ = configuration.initialization
        let k = configuration.filterSize
        let inputChannels = [configuration.inputShape[0]] + configuration.filters.dropLast()
        for i in stride(from: 1, through: configuration.filters.count, by: 1) {
            let (f, c) = (configuration.filters[i - 1], inputChannels[i - 1])
            params["W\(i)"] = Tensor.randomNormal([f, c, k, k], standardDeviation: init_.standardDeviation(fanIn: c * k * k),
                                                  using: &gen)
            params["b\(i)"] = Tensor.zeros([f])
            if configuration.batchNorm {
                params["gamma\(i)"] = Tensor.ones([f])
                params["beta\(i)"] = Tensor.zeros([f])
            }
        }
        var (height, width) = (configuration.inputShape[1], configuration.inputShape[2])
        for _ in configuration.pools {
            height = height / 2
            width = width / 2
        }
        let sizes = [(configuration.filters.last ?? configuration.inputShape[0]) * height * width] + configuration.hiddenDimensions + [configuration.classes]
        for j in 0..<(sizes.count - 1) {
            let i = configuration.filters.count + 1 + j
            params["W\(i)"] = init_.weights(fanIn: sizes[j], fanOut: sizes[j + 1], using: &gen)
            params["b\(i)"] = Tensor.zeros([sizes[j + 1]])
        }
    }

    private var convLayers: Int { configuration.filters.count }
    private var totalLayers: Int { convLayers + configuration.hiddenDimensions.count + 1 }

    private struct Tape {
        var plain: [Int: ConvReLUPool<ReLU>.Cache] = [:]
        var normalized: [Int: ConvBatchNormReLUPool<SpatialBatchNorm, ReLU>.Cache] = [:]
        var affineReLU: [Int: AffineReLU<Affine, ReLU>.Cache] = [:]
        var affine: Affine.Cache?
        var mapShape: [Int] = []
    }

    private func run(_ x: Tensor, _ mode: Mode, _ states: inout [BatchNormState]) -> (Tensor, Tape) {
        var tape = Tape()
        var h = x
        for i in stride(from: 1, through: convLayers, by: 1) {
            let pool = configuration.pools.contains(i - 1) ? 2 : nil as Int?
            if configuration.batchNorm {
                let step = ConvBatchNormReLUPool(batchNorm: SpatialBatchNorm(), relu: ReLU())
                    .forward(h, params["W\(i)"]!, params["b\(i)"]!, gamma: params["gamma\(i)"]!,
                             beta: params["beta\(i)"]!, padding: configuration.padding, poolSize: pool,
                             mode: mode, state: &states[i - 1])
                h = step.out
                tape.normalized[i] = step.cache
            } else {
                let step = ConvReLUPool(relu: ReLU())
                    .forward(h, params["W\(i)"]!, params["b\(i)"]!, padding: configuration.padding, poolSize: pool)
                h = step.out
                tape.plain[i] = step.cache
            }
        }
        tape.mapShape = h.shape
        h = h.reshaped([h.shape[0], h.count / h.shape[0]])
        for i in (convLayers + 1)..<totalLayers {
            let step = AffineReLU(affine: Affine(), relu: ReLU()).forward(h, params["W\(i)"]!, params["b\(i)"]!)
            h = step.out
            tape.affineReLU[i] = step.cache
        }
        let step = Affine().forward(h, params["W\(totalLayers)"]!, params["b\(totalLayers)"]!)
        tape.affine = step.cache
        return (step.out, tape)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return run(x, .test, &states).0
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, tape) = run(x, .train, &batchNormStates)
        let softmax = softmaxLoss(scores, labels: labels)
        var loss = softmax.loss
        var grads: [String: Tensor] = [:]
        var back = Affine().backward(softmax.dscores, cache: tape.affine!)
        grads["W\(totalLayers)"] = back.dw
        grads["b\(totalLayers)"] = back.db
        for i in stride(from: totalLayers - 1, to: convLayers, by: -1) {
            back = AffineReLU(affine: Affine(), relu: ReLU()).backward(back.dx, cache: tape.affineReLU[i]!)
            grads["W\(i)"] = back.dw
            grads["b\(i)"] = back.db
        }
        var dh = back.dx.reshaped(tape.mapShape)
        for i in stride(from: convLayers, through: 1, by: -1) {
            if let cache = tape.normalized[i] {
                let g = ConvBatchNormReLUPool(batchNorm: SpatialBatchNorm(), relu: ReLU()).backward(dh, cache: cache)
                dh = g.dx
                grads["W\(i)"] = g.dw
                grads["b\(i)"] = g.db
                grads["gamma\(i)"] = g.dgamma
                grads["beta\(i)"] = g.dbeta
            } else {
                let g = ConvReLUPool(relu: ReLU()).backward(dh, cache: tape.plain[i]!)
                dh = g.dx
                grads["W\(i)"] = g.dw
                grads["b\(i)"] = g.db
            }
        }
        for i in 1...totalLayers {
            let w = params["W\(i)"]!
            loss += 0.5 * configuration.reg * (w * w).sum().scalar
            grads["W\(i)"]! += configuration.reg * w
            if let gamma = params["gamma\(i)"] {
                loss += 0.5 * configuration.reg * (gamma * gamma).sum().scalar
                grads["gamma\(i)"]! += configuration.reg * gamma
            }
        }
        return (loss, grads)
    }
}
