import Curriculum
import TensorKit

/// Fully-connected net calling the student's layers one by one (no sandwiches), caches kept
/// in per-layer records.
public struct FullyConnectedNet: FullyConnectedClassifier {
    public var params: [String: Tensor]
    public let configuration: NetworkConfiguration
    public var batchNormStates: [BatchNormState]

    private struct LayerRecord {
        var affine: Affine.Cache
        var batchNorm: BatchNorm.Cache?
        var layerNorm: LayerNorm.Cache?
        var relu: ReLU.Cache?
        var dropout: Dropout.Cache?
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
            let i = index + 1
            params["W\(i)"] = configuration.initialization.weights(fanIn: fanIn, fanOut: width, using: &rng)
            params["b\(i)"] = Tensor.zeros(width)
            if configuration.normalization != nil {
                params["gamma\(i)"] = Tensor.ones(width)
                params["beta\(i)"] = Tensor.zeros(width)
            }
            fanIn = width
        }
        let last = configuration.hiddenDimensions.count + 1
        params["W\(last)"] = configuration.initialization.weights(fanIn: fanIn, fanOut: configuration.classes,
                                                                   using: &rng)
        params["b\(last)"] = Tensor.zeros(configuration.classes)
    }

    private func run(_ x: Tensor, _ mode: Mode, _ states: inout [BatchNormState]) -> (Tensor, [LayerRecord]) {
        var records: [LayerRecord] = []
        var h = x
        let hidden = configuration.hiddenDimensions.count
        for i in 1...(hidden + 1) {
            let (a, affineCache) = Affine().forward(h, params["W\(i)"]!, params["b\(i)"]!)
            var record = LayerRecord(affine: affineCache)
            h = a
            if i <= hidden {
                if configuration.normalization == .batch {
                    let (normed, cache) = BatchNorm().forward(h, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!,
                                                              mode: mode, state: &states[i - 1])
                    h = normed
                    record.batchNorm = cache
                } else if configuration.normalization == .layer {
                    let (normed, cache) = LayerNorm().forward(h, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!,
                                                              eps: 1e-5)
                    h = normed
                    record.layerNorm = cache
                }
                let (activated, reluCache) = ReLU().forward(h)
                h = activated
                record.relu = reluCache
                if configuration.keepProbability < 1 {
                    let (dropped, cache) = Dropout().forward(
                        h, parameters: DropoutParameters(keepProbability: configuration.keepProbability,
                                                         mode: mode, seed: configuration.dropoutSeed))
                    h = dropped
                    record.dropout = cache
                }
            }
            if i > hidden {
                let (activated, reluCache) = ReLU().forward(h)
                h = activated
                record.relu = reluCache
            }
            records.append(record)
        }
        return (h, records)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var copy = batchNormStates
        return run(x, .test, &copy).0
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, records) = run(x, .train, &states)
        batchNormStates = states
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let reg = configuration.reg
        var squares = 0.0
        var grads: [String: Tensor] = [:]
        var dh = dscores
        for i in stride(from: records.count, to: 0, by: -1) {
            let record = records[i - 1]
            if let cache = record.dropout { dh = Dropout().backward(dh, cache: cache) }
            if let cache = record.relu { dh = ReLU().backward(dh, cache: cache) }
            if let cache = record.batchNorm {
                let (d, dgamma, dbeta) = BatchNorm().backward(dh, cache: cache)
                dh = d
                grads["gamma\(i)"] = dgamma
                grads["beta\(i)"] = dbeta
            }
            if let cache = record.layerNorm {
                let (d, dgamma, dbeta) = LayerNorm().backward(dh, cache: cache)
                dh = d
                grads["gamma\(i)"] = dgamma
                grads["beta\(i)"] = dbeta
            }
            let w = params["W\(i)"]!
            let (dx, dw, db) = Affine().backward(dh, cache: record.affine)
            grads["W\(i)"] = dw + reg * w
            grads["b\(i)"] = db
            squares += (w * w).sum().scalar
            dh = dx
        }
        return (dataLoss + 0.5 * reg * squares, grads)
    }
}
