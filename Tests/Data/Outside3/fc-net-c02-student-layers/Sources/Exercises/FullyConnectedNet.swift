import Curriculum
import TensorKit

// Built on my own Affine, ReLU, BatchNorm, LayerNorm and Dropout, as the handout
// suggests; the layer loop keeps one record per hidden layer.
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

    private struct LayerRecord {
        var plain: AffineReLU<Affine, ReLU>.Cache?
        var batch: AffineBatchNormReLU<Affine, BatchNorm, ReLU>.Cache?
        var layer: AffineLayerNormReLU<Affine, LayerNorm, ReLU>.Cache?
        var dropout: Dropout.Cache?
    }

    private func run(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, records: [LayerRecord], last: Affine.Cache)
    {
        var records: [LayerRecord] = []
        var activations = x
        for i in stride(from: 1, through: configuration.hiddenDimensions.count, by: 1) {
            var record = LayerRecord()
            let w = params["W\(i)"]!, b = params["b\(i)"]!
            switch configuration.normalization {
            case .batch:
                let r = AffineBatchNormReLU(affine: Affine(), batchNorm: BatchNorm(), relu: ReLU())
                    .forward(activations, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!,
                             mode: mode, state: &states[i - 1])
                activations = r.out
                record.batch = r.cache
            case .layer:
                let r = AffineLayerNormReLU(affine: Affine(), layerNorm: LayerNorm(), relu: ReLU())
                    .forward(activations, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!)
                activations = r.out
                record.layer = r.cache
            case nil:
                let r = AffineReLU(affine: Affine(), relu: ReLU()).forward(activations, w, b)
                activations = r.out
                record.plain = r.cache
            }
            if configuration.keepProbability < 1 {
                let dropoutParameters = DropoutParameters(
                    keepProbability: configuration.keepProbability, mode: mode, seed: configuration.dropoutSeed)
                let r = Dropout().forward(activations, parameters: dropoutParameters)
                activations = r.out
                record.dropout = r.cache
            }
            records.append(record)
        }
        let last = configuration.hiddenDimensions.count + 1
        let (scores, lastCache) = Affine().forward(activations, params["W\(last)"]!, params["b\(last)"]!)
        return (scores, records, lastCache)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var copies = batchNormStates
        return run(x, mode: .test, states: &copies).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, records, lastCache) = run(x, mode: .train, states: &states)
        batchNormStates = states
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let last = configuration.hiddenDimensions.count + 1
        let weightNames = (1...last).map { "W\($0)" }
        let squares = weightNames.reduce(0.0) { $0 + (params[$1]! * params[$1]!).sum().scalar }
        let loss = dataLoss + 0.5 * configuration.reg * squares

        var grads: [String: Tensor] = [:]
        var (dh, dwLast, dbLast) = Affine().backward(dscores, cache: lastCache)
        grads["W\(last)"] = dwLast
        grads["b\(last)"] = dbLast
        for i in stride(from: configuration.hiddenDimensions.count, to: 0, by: -1) {
            let record = records[i - 1]
            if let dropoutCache = record.dropout {
                dh = Dropout().backward(dh, cache: dropoutCache)
            }
            if let cache = record.batch {
                let g = AffineBatchNormReLU(affine: Affine(), batchNorm: BatchNorm(), relu: ReLU())
                    .backward(dh, cache: cache)
                (dh, grads["W\(i)"], grads["b\(i)"]) = (g.dx, g.dw, g.db)
                (grads["gamma\(i)"], grads["beta\(i)"]) = (g.dgamma, g.dbeta)
            } else if let cache = record.layer {
                let g = AffineLayerNormReLU(affine: Affine(), layerNorm: LayerNorm(), relu: ReLU())
                    .backward(dh, cache: cache)
                (dh, grads["W\(i)"], grads["b\(i)"]) = (g.dx, g.dw, g.db)
                (grads["gamma\(i)"], grads["beta\(i)"]) = (g.dgamma, g.dbeta)
            } else if let cache = record.plain {
                let g = AffineReLU(affine: Affine(), relu: ReLU()).backward(dh, cache: cache)
                (dh, grads["W\(i)"], grads["b\(i)"]) = (g.dx, g.dw, g.db)
            }
        }
        for name in weightNames {
            grads[name] = grads[name]! + configuration.reg * params[name]!
        }
        return (loss, grads)
    }
}
