import Curriculum
import TensorKit

/// ConvNet straight on TensorKit: convolved, maxPooled, inline spatial batch norm, ReLU and affine.
public struct ConvNet: ConvNetClassifier {
    public var params: [String: Tensor]
    public let configuration: ConvNetConfiguration
    public var batchNormStates: [BatchNormState]

    struct ConvRecord {
        var input: Tensor
        var preActivation: Tensor
        var xhat: Tensor?
        var invStd: Tensor?
        var activated: Tensor
        var pooled: Bool
    }

    struct DenseRecord {
        var input: Tensor
        var preActivation: Tensor
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
        for (i, f) in configuration.filters.enumerated() {
            let fanIn = shape[0] * k * k
            params["W\(i + 1)"] = Tensor.randomNormal([f, shape[0], k, k],
                standardDeviation: configuration.initialization.standardDeviation(fanIn: fanIn), using: &rng)
            params["b\(i + 1)"] = Tensor.zeros(f)
            if configuration.batchNorm {
                params["gamma\(i + 1)"] = Tensor.ones(f)
                params["beta\(i + 1)"] = Tensor.zeros(f)
            }
            shape[0] = f
            if configuration.pools.contains(i) {
                shape[1] = shape[1] / 2
                shape[2] = shape[2] / 2
            }
        }
        var dims = [shape[0] * shape[1] * shape[2]] + configuration.hiddenDimensions + [configuration.classes]
        let first = configuration.filters.count + 1
        for j in 0..<(dims.count - 1) {
            params["W\(first + j)"] = Tensor.randomNormal([dims[j], dims[j + 1]],
                standardDeviation: configuration.initialization.standardDeviation(fanIn: dims[j]), using: &rng)
            params["b\(first + j)"] = Tensor.zeros(dims[j + 1])
        }
        dims.removeAll()
    }

    func run(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, conv: [ConvRecord], dense: [DenseRecord], flatShape: [Int])
    {
        var h = x
        var convRecords: [ConvRecord] = []
        for i in 0..<configuration.filters.count {
            let input = h
            var a = h.convolved(with: params["W\(i + 1)"]!, bias: params["b\(i + 1)"]!, padding: configuration.padding)
            let pre = a
            var xhat: Tensor? = nil
            var invStd: Tensor? = nil
            if configuration.batchNorm {
                let c = a.shape[1]
                var mean: Tensor
                var variance: Tensor
                if mode == .train {
                    mean = a.mean(axes: [0, 2, 3])
                    variance = a.variance(axes: [0, 2, 3])
                    let mom = states[i].momentum
                    states[i].runningMean = (1 - mom) * (states[i].runningMean ?? Tensor.zeros(c)) + mom * mean
                    states[i].runningVariance = (1 - mom) * (states[i].runningVariance ?? Tensor.zeros(c)) + mom * variance
                } else {
                    mean = states[i].runningMean ?? Tensor.zeros(c)
                    variance = states[i].runningVariance ?? Tensor.zeros(c)
                }
                let inv = (1.0 / sqrt(variance + states[i].eps)).reshaped([1, c, 1, 1])
                let normalized = (a - mean.reshaped([1, c, 1, 1])) * inv
                xhat = normalized
                invStd = inv
                a = normalized * params["gamma\(i + 1)"]!.reshaped([1, c, 1, 1]) + params["beta\(i + 1)"]!.reshaped([1, c, 1, 1])
            }
            let activated = maximum(a, 0)
            let pooled = configuration.pools.contains(i)
            h = pooled ? activated.maxPooled(height: 2, width: 2, stride: 2) : activated
            convRecords.append(ConvRecord(input: input, preActivation: configuration.batchNorm ? a : pre,
                                          xhat: xhat, invStd: invStd, activated: activated, pooled: pooled))
        }
        let flatShape = h.shape
        h = h.reshaped([h.shape[0], -1])
        var dense: [DenseRecord] = []
        let first = configuration.filters.count + 1
        let count = configuration.hiddenDimensions.count + 1
        for j in 0..<count {
            let z = h.matmul(params["W\(first + j)"]!) + params["b\(first + j)"]!
            dense.append(DenseRecord(input: h, preActivation: z))
            h = j < count - 1 ? maximum(z, 0) : z
        }
        return (h, convRecords, dense, flatShape)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var copy = batchNormStates
        return run(x, mode: .test, states: &copy).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, convRecords, dense, flatShape) = run(x, mode: .train, states: &batchNormStates)
        var (loss, dh) = softmaxLoss(scores, labels: labels)
        let reg = configuration.reg
        var grads: [String: Tensor] = [:]
        let first = configuration.filters.count + 1
        let count = dense.count
        for j in stride(from: count - 1, through: 0, by: -1) {
            if j < count - 1 {
                dh = dh * (dense[j].preActivation .> 0)
            }
            let key = first + j
            grads["W\(key)"] = dense[j].input.transposed().matmul(dh)
            grads["b\(key)"] = dh.sum(axis: 0)
            dh = dh.matmul(params["W\(key)"]!.transposed())
        }
        dh = dh.reshaped(flatShape)
        for i in stride(from: convRecords.count - 1, through: 0, by: -1) {
            let record = convRecords[i]
            if record.pooled {
                dh = record.activated.maxPoolingGradient(dh, height: 2, width: 2, stride: 2)
            }
            dh = dh * (record.preActivation .> 0)
            if configuration.batchNorm, let xhat = record.xhat, let inv = record.invStd {
                let c = dh.shape[1]
                let m = Double(dh.count / c)
                grads["beta\(i + 1)"] = dh.sum(axes: [0, 2, 3])
                grads["gamma\(i + 1)"] = (dh * xhat).sum(axes: [0, 2, 3])
                let dxhat = dh * params["gamma\(i + 1)"]!.reshaped([1, c, 1, 1])
                dh = (inv / m) * (m * dxhat - dxhat.sum(axes: [0, 2, 3], keepDims: true)
                    - xhat * (dxhat * xhat).sum(axes: [0, 2, 3], keepDims: true))
            }
            let g = record.input.convolutionGradients(dh, filters: params["W\(i + 1)"]!, padding: configuration.padding)
            grads["W\(i + 1)"] = g.filters
            grads["b\(i + 1)"] = g.bias
            dh = g.input
        }
        for key in 1...(first + count - 1) {
            let w = params["W\(key)"]!
            loss += 0.5 * reg * (w * w).sum().scalar
            grads["W\(key)"] = grads["W\(key)"]! + reg * w
        }
        return (loss, grads)
    }
}
