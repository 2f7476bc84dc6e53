import Curriculum
import TensorKit

/// Exercise `fc-net`, on the student's own layers through Curriculum's sandwiches.
public struct FullyConnectedNet: FullyConnectedClassifier {
    public var params: [String: Tensor]
    public let configuration: NetworkConfiguration
    public var batchNormStates: [BatchNormState]

    private enum HiddenCache {
        case plain(AffineReLU<Affine, ReLU>.Cache)
        case batch(AffineBatchNormReLU<Affine, BatchNorm, ReLU>.Cache)
        case layer(AffineLayerNormReLU<Affine, LayerNorm, ReLU>.Cache)
    }

    public init(_ configuration: NetworkConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.normalization == .batch
            ? Array(repeating: BatchNormState(), count: configuration.hiddenDimensions.count)
            : []
        var dims = [configuration.inputDimension]
        dims.append(contentsOf: configuration.hiddenDimensions)
        dims.append(configuration.classes)
        var gen = SeededGenerator(seed: configuration.seed)
        for layer in 0..<(dims.count - 1) {
            let name = layer + 1
            params["W\(name)"] = configuration.initialization.weights(fanIn: dims[layer], fanOut: dims[layer + 1],
                                                                      using: &gen)
            params["b\(name)"] = Tensor.zeros([dims[layer + 1]])
        }
        if configuration.normalization != nil {
            for (index, width) in configuration.hiddenDimensions.enumerated() {
                params["gamma\(index + 1)"] = Tensor.ones([width])
                params["beta\(index + 1)"] = Tensor.zeros([width])
            }
        }
    }

    private func run(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, hidden: [HiddenCache], dropout: [Dropout.Cache], last: Affine.Cache)
    {
        var out = x
        var hidden: [HiddenCache] = []
        var drops: [Dropout.Cache] = []
        let hiddenCount = configuration.hiddenDimensions.count
        for i in 1...max(hiddenCount, 1) where hiddenCount > 0 {
            let w = params["W\(i)"]!, b = params["b\(i)"]!
            switch configuration.normalization {
            case nil:
                let (y, c) = AffineReLU<Affine, ReLU>().forward(out, w, b)
                out = y; hidden.append(.plain(c))
            case .batch:
                let (y, c) = AffineBatchNormReLU<Affine, BatchNorm, ReLU>().forward(
                    out, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!, mode: mode,
                    state: &states[i - 1])
                out = y; hidden.append(.batch(c))
            case .layer:
                let (y, c) = AffineLayerNormReLU<Affine, LayerNorm, ReLU>().forward(
                    out, w, b, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!, eps: 1e-5)
                out = y; hidden.append(.layer(c))
            }
            if configuration.keepProbability < 1 {
                let parameters = DropoutParameters(keepProbability: configuration.keepProbability, mode: mode,
                                                   seed: configuration.dropoutSeed)
                let (y, c) = Dropout().forward(out, parameters: parameters)
                out = y; drops.append(c)
            }
        }
        let L = hiddenCount + 1
        let (scores, last) = Affine().forward(out, params["W\(L)"]!, params["b\(L)"]!)
        return (scores, hidden, drops, last)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var copy = batchNormStates
        return run(x, mode: .test, states: &copy).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, hidden, drops, last) = run(x, mode: .train, states: &batchNormStates)
        var (loss, dscores) = softmaxLoss(scores, labels: labels)
        let L = configuration.hiddenDimensions.count + 1
        var grads: [String: Tensor] = [:]
        for i in 1...L {
            let w = params["W\(i)"]!
            loss += 0.5 * configuration.reg * (w * w).sum().scalar
        }
        var (dh, dW, db) = Affine().backward(dscores, cache: last)
        grads["W\(L)"] = dW
        grads["b\(L)"] = db
        for i in stride(from: L - 1, through: 1, by: -1) {
            if !drops.isEmpty {
                dh = Dropout().backward(dh, cache: drops[i - 1])
            }
            switch hidden[i - 1] {
            case .plain(let c):
                (dh, dW, db) = AffineReLU<Affine, ReLU>().backward(dh, cache: c)
            case .batch(let c):
                let g = AffineBatchNormReLU<Affine, BatchNorm, ReLU>().backward(dh, cache: c)
                (dh, dW, db) = (g.dx, g.dw, g.db)
                grads["gamma\(i)"] = g.dgamma
                grads["beta\(i)"] = g.dbeta
            case .layer(let c):
                let g = AffineLayerNormReLU<Affine, LayerNorm, ReLU>().backward(dh, cache: c)
                (dh, dW, db) = (g.dx, g.dw, g.db)
                grads["gamma\(i)"] = g.dgamma
                grads["beta\(i)"] = g.dbeta
            }
            grads["W\(i)"] = dW
            grads["b\(i)"] = db
        }
        for i in 1...L {
            grads["W\(i)"] = grads["W\(i)"]! + configuration.reg * params["W\(i)"]!
        }
        return (loss, grads)
    }
}
