import Curriculum
import TensorKit

/// Fully-connected net calling my layers one by one, with one cache array per layer kind.
public struct FullyConnectedNet: FullyConnectedClassifier {
    public var params: [String: Tensor]
    public let configuration: NetworkConfiguration
    public var batchNormStates: [BatchNormState]

    struct Caches {
        var affine: [Affine.Cache] = []
        var batchNorm: [BatchNorm.Cache] = []
        var layerNorm: [LayerNorm.Cache] = []
        var relu: [ReLU.Cache] = []
        var dropout: [Dropout.Cache] = []
    }

    public init(_ configuration: NetworkConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.normalization == .batch
            ? Array(repeating: BatchNormState(), count: configuration.hiddenDimensions.count)
            : []
        var rng = SeededGenerator(seed: configuration.seed)
        var fanIn = configuration.inputDimension
        for (index, width) in configuration.hiddenDimensions.enumerated() {
            let layer = index + 1
            params["W\(layer)"] = Tensor.randomNormal(
                [fanIn, width], standardDeviation: configuration.initialization.standardDeviation(fanIn: fanIn), using: &rng)
            params["b\(layer)"] = Tensor.zeros([width])
            if configuration.normalization != nil {
                params["gamma\(layer)"] = Tensor.ones([width])
                params["beta\(layer)"] = Tensor.zeros([width])
            }
            fanIn = width
        }
        let last = configuration.hiddenDimensions.count + 1
        params["W\(last)"] = Tensor.randomNormal(
            [fanIn, configuration.classes],
            standardDeviation: configuration.initialization.standardDeviation(fanIn: fanIn), using: &rng)
        params["b\(last)"] = Tensor.zeros([configuration.classes])
    }

    private func run(_ x: Tensor, _ mode: Mode, _ states: inout [BatchNormState]) -> (Tensor, Caches) {
        var caches = Caches()
        var out = x
        let hidden = configuration.hiddenDimensions.count
        for layer in 1...hidden + 1 {
            let (a, ac) = Affine().forward(out, params["W\(layer)"]!, params["b\(layer)"]!)
            caches.affine.append(ac)
            out = a
            if layer == hidden + 1 {
                let (r, rc) = ReLU().forward(out)
                caches.relu.append(rc)
                out = r
                break
            }
            if configuration.normalization == .batch {
                let (bn, bc) = BatchNorm().forward(out, gamma: params["gamma\(layer)"]!, beta: params["beta\(layer)"]!,
                                                   mode: mode, state: &states[layer - 1])
                caches.batchNorm.append(bc)
                out = bn
            } else if configuration.normalization == .layer {
                let (ln, lc) = LayerNorm().forward(out, gamma: params["gamma\(layer)"]!, beta: params["beta\(layer)"]!, eps: 1e-5)
                caches.layerNorm.append(lc)
                out = ln
            }
            let (r, rc) = ReLU().forward(out)
            caches.relu.append(rc)
            out = r
            let dropParams = DropoutParameters(keepProbability: configuration.keepProbability, mode: mode,
                                               seed: configuration.dropoutSeed)
            let (d, dc) = Dropout().forward(out, parameters: dropParams)
            caches.dropout.append(dc)
            out = d
        }
        return (out, caches)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var copy = batchNormStates
        return run(x, .test, &copy).0
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, caches) = run(x, .train, &batchNormStates)
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let hidden = configuration.hiddenDimensions.count
        let reg = configuration.reg
        var regLoss = 0.0
        var grads: [String: Tensor] = [:]
        var upstream = dscores
        for layer in stride(from: hidden + 1, to: 0, by: -1) {
            if layer == hidden + 1 {
                upstream = ReLU().backward(upstream, cache: caches.relu[layer - 1])
            }
            if layer <= hidden {
                upstream = Dropout().backward(upstream, cache: caches.dropout[layer - 1])
                upstream = ReLU().backward(upstream, cache: caches.relu[layer - 1])
                if configuration.normalization == .batch {
                    let (d, dg, db) = BatchNorm().backward(upstream, cache: caches.batchNorm[layer - 1])
                    upstream = d
                    grads["gamma\(layer)"] = dg
                    grads["beta\(layer)"] = db
                } else if configuration.normalization == .layer {
                    let (d, dg, db) = LayerNorm().backward(upstream, cache: caches.layerNorm[layer - 1])
                    upstream = d
                    grads["gamma\(layer)"] = dg
                    grads["beta\(layer)"] = db
                }
            }
            let w = params["W\(layer)"]!
            let (dx, dw, db) = Affine().backward(upstream, cache: caches.affine[layer - 1])
            grads["W\(layer)"] = dw + reg * w
            grads["b\(layer)"] = db
            regLoss += 0.5 * reg * (w * w).sum().scalar
            upstream = dx
        }
        return (dataLoss + regLoss, grads)
    }
}
