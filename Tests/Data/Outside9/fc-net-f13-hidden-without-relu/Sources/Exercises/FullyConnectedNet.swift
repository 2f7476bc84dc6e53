import Curriculum
import TensorKit

/// Fully-connected net calling the student's layers one by one, one cache array per layer kind.
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
            let i = index + 1
            params["W\(i)"] = Tensor.randomNormal([fanIn, width],
                standardDeviation: configuration.initialization.standardDeviation(fanIn: fanIn), using: &rng)
            params["b\(i)"] = Tensor.zeros(width)
            if configuration.normalization != nil {
                params["gamma\(i)"] = Tensor.ones(width)
                params["beta\(i)"] = Tensor.zeros(width)
            }
            fanIn = width
        }
        let L = configuration.hiddenDimensions.count + 1
        params["W\(L)"] = Tensor.randomNormal([fanIn, configuration.classes],
            standardDeviation: configuration.initialization.standardDeviation(fanIn: fanIn), using: &rng)
        params["b\(L)"] = Tensor.zeros(configuration.classes)
    }

    func forwardPass(_ x: Tensor, mode: Mode, states: inout [BatchNormState]) -> (Tensor, Caches) {
        var caches = Caches()
        var h = x
        let hidden = configuration.hiddenDimensions.count
        let dropParams = DropoutParameters(keepProbability: configuration.keepProbability, mode: mode,
                                           seed: configuration.dropoutSeed)
        for i in 1..<(hidden + 1) {
            let (a, ac) = Affine().forward(h, params["W\(i)"]!, params["b\(i)"]!)
            caches.affine.append(ac)
            var z = a
            if configuration.normalization == .batch {
                let (out, bc) = BatchNorm().forward(z, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!,
                                                    mode: mode, state: &states[i - 1])
                caches.batchNorm.append(bc)
                z = out
            } else if configuration.normalization == .layer {
                let (out, lc) = LayerNorm().forward(z, gamma: params["gamma\(i)"]!, beta: params["beta\(i)"]!, eps: 1e-5)
                caches.layerNorm.append(lc)
                z = out
            }
            let (r, rc) = (z, ReLU().forward(z).cache)
            caches.relu.append(rc)
            let (d, dc) = Dropout().forward(r, parameters: dropParams)
            caches.dropout.append(dc)
            h = d
        }
        let L = hidden + 1
        let (scores, lc) = Affine().forward(h, params["W\(L)"]!, params["b\(L)"]!)
        caches.affine.append(lc)
        return (scores, caches)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forwardPass(x, mode: .test, states: &states).0
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, caches) = forwardPass(x, mode: .train, states: &batchNormStates)
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let hidden = configuration.hiddenDimensions.count
        let L = hidden + 1
        var penalty = 0.0
        for i in 1...L {
            penalty += (params["W\(i)"]! * params["W\(i)"]!).sum().scalar
        }
        var grads: [String: Tensor] = [:]
        let top = Affine().backward(dscores, cache: caches.affine[L - 1])
        grads["W\(L)"] = top.dw
        grads["b\(L)"] = top.db
        var dh = top.dx
        for i in stride(from: hidden, to: 0, by: -1) {
            dh = Dropout().backward(dh, cache: caches.dropout[i - 1])
            if configuration.normalization == .batch {
                let g = BatchNorm().backward(dh, cache: caches.batchNorm[i - 1])
                dh = g.dx
                grads["gamma\(i)"] = g.dgamma
                grads["beta\(i)"] = g.dbeta
            } else if configuration.normalization == .layer {
                let g = LayerNorm().backward(dh, cache: caches.layerNorm[i - 1])
                dh = g.dx
                grads["gamma\(i)"] = g.dgamma
                grads["beta\(i)"] = g.dbeta
            }
            let a = Affine().backward(dh, cache: caches.affine[i - 1])
            grads["W\(i)"] = a.dw
            grads["b\(i)"] = a.db
            dh = a.dx
        }
        for i in 1...L {
            grads["W\(i)"] = grads["W\(i)"]! + configuration.reg * params["W\(i)"]!
        }
        return (dataLoss + 0.5 * configuration.reg * penalty, grads)
    }
}
