import Curriculum
import TensorKit

/// ConvNet written straight on TensorKit: convolved / convolutionGradients, maxPooled /
/// maxPoolingGradient, spatial batch norm, ReLU and affine layers inline, explicit flatten.
public struct ConvNet: ConvNetClassifier {
    public var params: [String: Tensor]
    public let configuration: ConvNetConfiguration
    public var batchNormStates: [BatchNormState]

    struct ConvRecord {
        var input: Tensor
        var xhat: Tensor? = nil
        var invStd: Tensor? = nil
        var preActivation: Tensor
        var prePool: Tensor
        var pooled: Bool
    }

    struct DenseRecord {
        var input: Tensor
        var pre: Tensor
    }

    public init(_ configuration: ConvNetConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.batchNorm
            ? Array(repeating: BatchNormState(), count: configuration.filters.count)
            : []
        var rng = SeededGenerator(seed: configuration.seed)
        let k = configuration.filterSize
        var shape = configuration.inputShape  // C, H, W
        var layer = 1
        for (i, f) in configuration.filters.enumerated() {
            let fanIn = shape[0] * k * k
            params["W\(layer)"] = Tensor.randomNormal(
                [f, shape[0], k, k], standardDeviation: configuration.initialization.standardDeviation(fanIn: fanIn), using: &rng)
            params["b\(layer)"] = Tensor.zeros([f])
            if configuration.batchNorm {
                params["gamma\(layer)"] = Tensor.ones([f])
                params["beta\(layer)"] = Tensor.zeros([f])
            }
            shape[0] = f
            if configuration.pools.contains(i) {
                shape[1] = shape[1] / 2
                shape[2] = shape[2] / 2
            }
            layer += 1
        }
        var fanIn = shape[0] * shape[1] * shape[2]
        for width in configuration.hiddenDimensions + [configuration.classes] {
            params["W\(layer)"] = Tensor.randomNormal(
                [fanIn, width], standardDeviation: configuration.initialization.standardDeviation(fanIn: fanIn), using: &rng)
            params["b\(layer)"] = Tensor.zeros([width])
            fanIn = width
            layer += 1
        }
    }

    private func pass(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, convs: [ConvRecord], dense: [DenseRecord], featureShape: [Int])
    {
        var h = x
        var convs: [ConvRecord] = []
        let pad = configuration.padding
        for i in 0..<configuration.filters.count {
            let layer = i + 1
            let input = h
            var a = h.convolved(with: params["W\(layer)"]!, bias: params["b\(layer)"]!, stride: 1, padding: pad)
            var record = ConvRecord(input: input, preActivation: a, prePool: a, pooled: false)
            if configuration.batchNorm {
                let c = a.shape[1]
                var state = states[i]
                let mean: Tensor, variance: Tensor
                if mode == .train {
                    mean = a.mean(axes: [0, 2, 3])
                    variance = a.variance(axes: [0, 2, 3])
                    state.runningMean = state.momentum * (state.runningMean ?? Tensor.zeros([c])) + (1 - state.momentum) * mean
                    state.runningVariance = state.momentum * (state.runningVariance ?? Tensor.zeros([c])) + (1 - state.momentum) * variance
                } else {
                    mean = state.runningMean ?? Tensor.zeros([c])
                    variance = state.runningVariance ?? Tensor.zeros([c])
                }
                let invStd = (1.0 / sqrt(variance + state.eps)).reshaped([1, c, 1, 1])
                let xhat = (a - mean.reshaped([1, c, 1, 1])) * invStd
                a = params["gamma\(layer)"]!.reshaped([1, c, 1, 1]) * xhat + params["beta\(layer)"]!.reshaped([1, c, 1, 1])
                states[i] = state
                record.xhat = xhat
                record.invStd = invStd
                record.preActivation = a
            }
            let activated = maximum(a, 0)
            record.prePool = activated
            if configuration.pools.contains(i) {
                h = activated.maxPooled(height: 2, width: 2, stride: 2)
                record.pooled = true
            } else {
                h = activated
            }
            convs.append(record)
        }
        let featureShape = h.shape
        h = h.reshaped([h.shape[0], h.count / h.shape[0]])
        var dense: [DenseRecord] = []
        var layer = configuration.filters.count + 1
        let affineCount = configuration.hiddenDimensions.count + 1
        for j in 0..<affineCount {
            let pre = h.matmul(params["W\(layer)"]!) + params["b\(layer)"]!
            dense.append(DenseRecord(input: h, pre: pre))
            h = j == affineCount - 1 ? pre : maximum(pre, 0)
            layer += 1
        }
        return (h, convs, dense, featureShape)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return pass(x, mode: .test, states: &states).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, convs, dense, featureShape) = pass(x, mode: .train, states: &batchNormStates)
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let reg = configuration.reg
        var regLoss = 0.0
        for (key, value) in params where key.hasPrefix("W") {
            regLoss += 0.5 * reg * (value * value).sum().scalar
        }
        var grads: [String: Tensor] = [:]
        let m = configuration.filters.count
        var g = dscores
        for j in stride(from: dense.count - 1, through: 0, by: -1) {
            let layer = m + 1 + j
            if j != dense.count - 1 {
                g = g * (dense[j].pre .> 0)
            }
            grads["W\(layer)"] = dense[j].input.matmul(g, transposingSelf: true) + reg * params["W\(layer)"]!
            grads["b\(layer)"] = g.sum(axis: 0)
            g = g.matmul(params["W\(layer)"]!, transposingOther: true)
        }
        g = g.reshaped(featureShape)
        for i in stride(from: m - 1, through: 0, by: -1) {
            let layer = i + 1
            let record = convs[i]
            if record.pooled {
                g = record.prePool.maxPoolingGradient(g, height: 2, width: 2, stride: 2)
            }
            g = g * (record.preActivation .> 0)
            if configuration.batchNorm, let xhat = record.xhat, let invStd = record.invStd {
                let c = g.shape[1]
                let count = Double(g.shape[0] * g.shape[2] * g.shape[3])
                grads["beta\(layer)"] = g.sum(axes: [0, 2, 3])
                grads["gamma\(layer)"] = (g * xhat).sum(axes: [0, 2, 3])
                let dxhat = g * params["gamma\(layer)"]!.reshaped([1, c, 1, 1])
                let s1 = dxhat.sum(axes: [0, 2, 3], keepDims: true)
                let s2 = (dxhat * xhat).sum(axes: [0, 2, 3], keepDims: true)
                g = invStd / count * (count * dxhat - s1 - xhat * s2)
            }
            let conv = record.input.convolutionGradients(g, filters: params["W\(layer)"]!, stride: 1, padding: configuration.padding)
            grads["W\(layer)"] = conv.filters + reg * params["W\(layer)"]!
            grads["b\(layer)"] = conv.bias
            g = conv.input
        }
        return (dataLoss + regLoss, grads)
    }
}
