import Curriculum
import Foundation
import TensorKit

/// Fully-connected net with every layer written inline (no sandwiches, no other
/// exercise files): one cache struct per hidden layer, normalization handled by one
/// closed form whose sums run over axis 0 (batch norm) or axis 1 (layer norm).
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
        var generator = SeededGenerator(seed: configuration.seed)
        let widths = configuration.hiddenDimensions + [configuration.classes]
        var fanIn = configuration.inputDimension
        for (index, fanOut) in widths.enumerated() {
            let std = configuration.initialization.standardDeviation(fanIn: fanIn)
            params["W\(index + 1)"] = Tensor.randomNormal([fanIn, fanOut], standardDeviation: std, using: &generator)
            params["b\(index + 1)"] = Tensor.zeros([fanOut])
            if configuration.normalization != nil, index < configuration.hiddenDimensions.count {
                params["gamma\(index + 1)"] = Tensor.ones([fanOut])
                params["beta\(index + 1)"] = Tensor.zeros([fanOut])
            }
            fanIn = fanOut
        }
    }

    private struct Hidden {
        var input: Tensor        // (N, fanIn)
        var xhat: Tensor?        // normalized pre-activation
        var std: Tensor?
        var active: Tensor       // ReLU mask
        var drop: Tensor?        // scaled dropout mask
    }

    private func run(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, hidden: [Hidden], lastInput: Tensor)
    {
        var h = x.flattenedBatch()
        var layers: [Hidden] = []
        let p = configuration.keepProbability
        for i in 0..<configuration.hiddenDimensions.count {
            let a = h.matmul(params["W\(i + 1)"]!) + params["b\(i + 1)"]!
            var z = a
            var xhat: Tensor? = nil, std: Tensor? = nil
            if let normalization = configuration.normalization {
                var mean: Tensor, variance: Tensor, eps = 1e-5
                if normalization == .layer {
                    mean = a.mean(axis: 1, keepDims: true)
                    variance = a.variance(axis: 1, keepDims: true)
                } else {
                    eps = states[i].eps
                    let d = a.shape[1]
                    mean = states[i].runningMean ?? Tensor.zeros([d])
                    variance = states[i].runningVariance ?? Tensor.zeros([d])
                    if mode == .train {
                        let k = states[i].momentum
                        let (bm, bv) = (a.mean(axis: 0), a.variance(axis: 0))
                        states[i].runningMean = k * mean + (1 - k) * bm
                        states[i].runningVariance = k * variance + (1 - k) * bv
                        (mean, variance) = (bm, bv)
                    }
                }
                let s = sqrt(variance + eps)
                let normalized = (a - mean) / s
                z = params["gamma\(i + 1)"]! * normalized + params["beta\(i + 1)"]!
                (xhat, std) = (normalized, s)
            }
            let active = z .> 0
            var out = z * active
            var drop: Tensor? = nil
            if p < 1, mode == .train {
                var generator = DropoutParameters(keepProbability: p, mode: mode, seed: configuration.dropoutSeed).makeGenerator()
                let mask = (Tensor.randomUniform(out.shape, low: 0, high: 1, using: &generator) .< p) / p
                out = out * mask
                drop = mask
            }
            layers.append(Hidden(input: h, xhat: xhat, std: std, active: active, drop: drop))
            h = out
        }
        let last = configuration.hiddenDimensions.count + 1
        let scores = h.matmul(params["W\(last)"]!) + params["b\(last)"]!
        return (scores, layers, h)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var copy = batchNormStates
        return run(x, mode: .test, states: &copy).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let pass = run(x, mode: .train, states: &batchNormStates)
        let (dataLoss, dscores) = softmaxLoss(pass.scores, labels: labels)
        let reg = configuration.reg
        let last = configuration.hiddenDimensions.count + 1
        var penalty = 0.0
        for i in 1...last { penalty += (params["W\(i)"]! * params["W\(i)"]!).sum().scalar }

        var grads: [String: Tensor] = [:]
        let wLast = params["W\(last)"]!
        grads["W\(last)"] = pass.lastInput.matmul(dscores, transposingSelf: true) + reg * wLast
        grads["b\(last)"] = dscores.sum(axis: 0)
        var dh = dscores.matmul(wLast, transposingOther: true)
        for i in stride(from: last - 2, through: 0, by: -1) {
            let layer = pass.hidden[i]
            if let mask = layer.drop { dh = dh * mask }
            var da = dh * layer.active
            if let xhat = layer.xhat, let s = layer.std, let normalization = configuration.normalization {
                grads["gamma\(i + 1)"] = (da * xhat).sum(axis: 0)
                grads["beta\(i + 1)"] = da.sum(axis: 0)
                let g = da * params["gamma\(i + 1)"]!
                let axis = normalization == .batch ? 0 : 1
                let count = Double(g.shape[axis])
                da = (count * g - g.sum(axis: axis, keepDims: true)
                      - xhat * (g * xhat).sum(axis: axis, keepDims: true)) / (count * s)
            }
            let w = params["W\(i + 1)"]!
            grads["W\(i + 1)"] = layer.input.matmul(da, transposingSelf: true) + reg * w
            grads["b\(i + 1)"] = da.sum(axis: 0)
            dh = da.matmul(w, transposingOther: true)
        }
        return (dataLoss + 0.5 * reg * penalty, grads)
    }
}
