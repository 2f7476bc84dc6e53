import Curriculum
import TensorKit

/// ConvNet written against TensorKit directly: fast convolution and pooling, inline spatial
/// batch norm, ReLU and affine layers, an explicit flatten.
public struct ConvNet: ConvNetClassifier {
    public var params: [String: Tensor]
    public let configuration: ConvNetConfiguration
    public var batchNormStates: [BatchNormState]

    private struct ConvRecord {
        var input: Tensor
        var xhat: Tensor?
        var inverseStd: Tensor?
        var activated: Tensor      // after ReLU (mask source), before the pool
        var pooled: Bool
    }

    private struct AffineRecord {
        var input: Tensor
        var output: Tensor         // after ReLU for hidden layers
    }

    public init(_ configuration: ConvNetConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.batchNorm
            ? Array(repeating: BatchNormState(), count: configuration.filters.count)
            : []
        var rng = SeededGenerator(seed: configuration.seed)
        let k = configuration.filterSize
        var shape = configuration.inputShape
        var layer = 1
        for (index, f) in configuration.filters.enumerated() {
            let fanIn = shape[0] * k * k
            params["W\(layer)"] = Tensor.randomNormal(
                [f, shape[0], k, k], standardDeviation: configuration.initialization.standardDeviation(fanIn: fanIn),
                using: &rng)
            params["b\(layer)"] = Tensor.zeros(f)
            if configuration.batchNorm {
                params["gamma\(layer)"] = Tensor.ones(f)
                params["beta\(layer)"] = Tensor.zeros(f)
            }
            shape = configuration.pools.contains(index) ? [f, shape[1] / 2, shape[2] / 2] : [f, shape[1], shape[2]]
            layer += 1
        }
        var fanIn = shape.reduce(1, *)
        for size in configuration.hiddenDimensions + [configuration.classes] {
            params["W\(layer)"] = Tensor.randomNormal(
                [fanIn, size], standardDeviation: configuration.initialization.standardDeviation(fanIn: fanIn),
                using: &rng)
            params["b\(layer)"] = Tensor.zeros(size)
            fanIn = size
            layer += 1
        }
    }

    private func run(_ x: Tensor, _ mode: Mode, _ states: inout [BatchNormState])
        -> (scores: Tensor, conv: [ConvRecord], affine: [AffineRecord])
    {
        var convRecords: [ConvRecord] = []
        var affineRecords: [AffineRecord] = []
        var h = x
        let m = configuration.filters.count
        for index in 0..<m {
            let i = index + 1
            let input = h
            var a = input.convolved(with: params["W\(i)"]!, bias: params["b\(i)"]!, stride: 1,
                                    padding: configuration.padding)
            var xhat: Tensor? = nil
            var inverseStd: Tensor? = nil
            if configuration.batchNorm {
                let c = a.shape[1]
                var state = states[index]
                let mean: Tensor, variance: Tensor
                if mode == .train {
                    mean = a.mean(axes: [0, 2, 3])
                    variance = a.variance(axes: [0, 2, 3])
                    state.runningMean = state.momentum * (state.runningMean ?? Tensor.zeros(c))
                        + (1 - state.momentum) * mean
                    state.runningVariance = state.momentum * (state.runningVariance ?? Tensor.zeros(c))
                        + (1 - state.momentum) * variance
                } else {
                    mean = a.mean(axes: [0, 2, 3])
                    variance = a.variance(axes: [0, 2, 3])
                }
                let inv = 1.0 / sqrt(variance.reshaped(1, c, 1, 1) + state.eps)
                let normalized = (a - mean.reshaped(1, c, 1, 1)) * inv
                a = params["gamma\(i)"]!.reshaped(1, c, 1, 1) * normalized + params["beta\(i)"]!.reshaped(1, c, 1, 1)
                states[index] = state
                xhat = normalized
                inverseStd = inv
            }
            let activated = maximum(a, 0)
            let pooled = configuration.pools.contains(index)
            h = pooled ? activated.maxPooled(height: 2, width: 2, stride: 2) : activated
            convRecords.append(ConvRecord(input: input, xhat: xhat, inverseStd: inverseStd,
                                          activated: activated, pooled: pooled))
        }
        h = h.reshaped([h.shape[0], -1])
        let total = m + configuration.hiddenDimensions.count + 1
        for i in (m + 1)...total {
            let input = h
            var out = input.matmul(params["W\(i)"]!) + params["b\(i)"]!
            if i < total { out = maximum(out, 0) }
            affineRecords.append(AffineRecord(input: input, output: out))
            h = out
        }
        return (h, convRecords, affineRecords)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return run(x, .test, &states).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var states = batchNormStates
        let (scores, convRecords, affineRecords) = run(x, .train, &states)
        batchNormStates = states
        let m = configuration.filters.count
        let total = m + configuration.hiddenDimensions.count + 1
        let reg = configuration.reg
        var (loss, dh) = softmaxLoss(scores, labels: labels)
        var grads: [String: Tensor] = [:]
        for i in stride(from: total, to: m, by: -1) {
            let record = affineRecords[i - m - 1]
            if i < total { dh = dh * (record.output .> 0) }
            let w = params["W\(i)"]!
            grads["W\(i)"] = record.input.matmul(dh, transposingSelf: true) + reg * w
            grads["b\(i)"] = dh.sum(axis: 0)
            dh = dh.matmul(w, transposingOther: true)
            loss += 0.5 * reg * (w * w).sum().scalar
        }
        if let last = convRecords.last {
            dh = dh.reshaped(last.pooled
                ? [x.shape[0], last.activated.shape[1], last.activated.shape[2] / 2, last.activated.shape[3] / 2]
                : last.activated.shape)
        } else {
            dh = dh.reshaped(x.shape)
        }
        for index in stride(from: m - 1, through: 0, by: -1) {
            let i = index + 1
            let record = convRecords[index]
            if record.pooled {
                dh = record.activated.maxPoolingGradient(dh, height: 2, width: 2, stride: 2)
            }
            dh = dh * (record.activated .> 0)
            if let xhat = record.xhat, let inv = record.inverseStd {
                let c = xhat.shape[1]
                let count = Double(xhat.count / c)
                grads["beta\(i)"] = dh.sum(axes: [0, 2, 3])
                grads["gamma\(i)"] = (dh * xhat).sum(axes: [0, 2, 3])
                let dxhat = dh * params["gamma\(i)"]!.reshaped(1, c, 1, 1)
                let sum1 = dxhat.sum(axes: [0, 2, 3], keepDims: true)
                let sum2 = (dxhat * xhat).sum(axes: [0, 2, 3], keepDims: true)
                dh = inv / count * (count * dxhat - sum1 - xhat * sum2)
            }
            let w = params["W\(i)"]!
            let g = record.input.convolutionGradients(dh, filters: w, stride: 1, padding: configuration.padding)
            grads["W\(i)"] = g.filters + reg * w
            grads["b\(i)"] = g.bias
            loss += 0.5 * reg * (w * w).sum().scalar
            dh = g.input
        }
        return (loss, grads)
    }
}
