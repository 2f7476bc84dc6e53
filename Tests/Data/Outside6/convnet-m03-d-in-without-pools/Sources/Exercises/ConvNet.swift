import Curriculum
import TensorKit

/// ConvNet written against TensorKit directly: the given fast convolution and pooling
/// (`convolved`, `convolutionGradients`, `maxPooled`, `maxPoolingGradient`), and ReLU,
/// spatial batch norm and the affine layers inline. Feature maps are flattened with an
/// explicit reshape to (N, -1) before the affine layers.
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
        var rng = SeededGenerator(seed: configuration.seed)
        let k = configuration.filterSize
        var shape = configuration.inputShape          // (C, H, W) of the current feature maps
        var layer = 1
        for (index, f) in configuration.filters.enumerated() {
            let fanIn = shape[0] * k * k
            params["W\(layer)"] = Tensor.randomNormal(
                [f, shape[0], k, k],
                standardDeviation: configuration.initialization.standardDeviation(fanIn: fanIn), using: &rng)
            params["b\(layer)"] = .zeros([f])
            if configuration.batchNorm {
                params["gamma\(layer)"] = .ones([f])
                params["beta\(layer)"] = .zeros([f])
            }
            shape = [f, shape[1], shape[2]]
            layer += 1
        }
        var dIn = shape.reduce(1, *)
        for dOut in configuration.hiddenDimensions + [configuration.classes] {
            params["W\(layer)"] = Tensor.randomNormal(
                [dIn, dOut], standardDeviation: configuration.initialization.standardDeviation(fanIn: dIn), using: &rng)
            params["b\(layer)"] = .zeros([dOut])
            dIn = dOut
            layer += 1
        }
    }

    private struct ConvStep {
        var input: Tensor
        var xhat: Tensor?
        var invStd: Tensor?
        var preReLU: Tensor
        var poolInput: Tensor?
    }

    private struct AffineStep {
        var input: Tensor       // (N, D) after flattening
        var preReLU: Tensor?
    }

    private func forward(_ x: Tensor, mode: Mode, states: inout [BatchNormState])
        -> (scores: Tensor, conv: [ConvStep], affine: [AffineStep], mapShape: [Int])
    {
        var h = x
        var convSteps: [ConvStep] = []
        for index in configuration.filters.indices {
            let i = index + 1
            let a = h.convolved(with: params["W\(i)"]!, bias: params["b\(i)"]!, stride: 1,
                                padding: configuration.padding)
            var step = ConvStep(input: h, xhat: nil, invStd: nil, preReLU: a, poolInput: nil)
            var z = a
            if configuration.batchNorm {
                let c = a.shape[1]
                var state = states[index]
                let mean: Tensor, variance: Tensor
                if mode == .train {
                    mean = a.mean(axes: [0, 2, 3])
                    variance = a.variance(axes: [0, 2, 3])
                    state.runningMean = state.momentum * (state.runningMean ?? .zeros([c])) + (1 - state.momentum) * mean
                    state.runningVariance = state.momentum * (state.runningVariance ?? .zeros([c]))
                        + (1 - state.momentum) * variance
                } else {
                    mean = state.runningMean ?? .zeros([c])
                    variance = state.runningVariance ?? .zeros([c])
                }
                states[index] = state
                let invStd = (1 / sqrt(variance + state.eps)).reshaped([1, c, 1, 1])
                let xhat = (a - mean.reshaped([1, c, 1, 1])) * invStd
                z = params["gamma\(i)"]!.reshaped([1, c, 1, 1]) * xhat + params["beta\(i)"]!.reshaped([1, c, 1, 1])
                step.xhat = xhat
                step.invStd = invStd
            }
            step.preReLU = z
            h = maximum(z, 0)
            if configuration.pools.contains(index) {
                step.poolInput = h
                h = h.maxPooled(height: 2, width: 2, stride: 2)
            }
            convSteps.append(step)
        }
        let mapShape = h.shape
        h = h.reshaped([h.shape[0], -1])
        var affineSteps: [AffineStep] = []
        let first = configuration.filters.count + 1
        let last = first + configuration.hiddenDimensions.count
        for i in first..<last {
            let a = h.matmul(params["W\(i)"]!) + params["b\(i)"]!
            affineSteps.append(AffineStep(input: h, preReLU: a))
            h = maximum(a, 0)
        }
        affineSteps.append(AffineStep(input: h, preReLU: nil))
        let scores = h.matmul(params["W\(last)"]!) + params["b\(last)"]!
        return (scores, convSteps, affineSteps, mapShape)
    }

    public func scores(_ x: Tensor) -> Tensor {
        var states = batchNormStates
        return forward(x, mode: .test, states: &states).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, convSteps, affineSteps, mapShape) = forward(x, mode: .train, states: &batchNormStates)
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let reg = configuration.reg
        let weightKeys = params.keys.filter { $0.hasPrefix("W") }
        var regLoss = 0.0
        for key in weightKeys {
            regLoss += 0.5 * reg * (params[key]! * params[key]!).sum().scalar
        }

        var grads: [String: Tensor] = [:]
        let first = configuration.filters.count + 1
        var dh = dscores
        for (offset, step) in affineSteps.enumerated().reversed() {
            let i = first + offset
            var da = dh
            if let pre = step.preReLU { da = dh * (pre .> 0) }
            grads["W\(i)"] = step.input.matmul(da, transposingSelf: true)
            grads["b\(i)"] = da.sum(axis: 0)
            dh = da.matmul(params["W\(i)"]!, transposingOther: true)
        }
        dh = dh.reshaped(mapShape)
        for index in configuration.filters.indices.reversed() {
            let i = index + 1
            let step = convSteps[index]
            if let poolInput = step.poolInput {
                dh = poolInput.maxPoolingGradient(dh, height: 2, width: 2, stride: 2)
            }
            var da = dh * (step.preReLU .> 0)
            if let xhat = step.xhat, let invStd = step.invStd {
                let c = da.shape[1]
                let axes = [0, 2, 3]
                grads["beta\(i)"] = da.sum(axes: axes)
                grads["gamma\(i)"] = (da * xhat).sum(axes: axes)
                let dxhat = da * params["gamma\(i)"]!.reshaped([1, c, 1, 1])
                let m = Double(da.count / c)
                da = invStd / m * (m * dxhat - dxhat.sum(axes: axes, keepDims: true)
                    - xhat * (dxhat * xhat).sum(axes: axes, keepDims: true))
            }
            let g = step.input.convolutionGradients(da, filters: params["W\(i)"]!, stride: 1,
                                                    padding: configuration.padding)
            grads["W\(i)"] = g.filters
            grads["b\(i)"] = g.bias
            dh = g.input
        }
        for key in weightKeys {
            grads[key] = grads[key]! + reg * params[key]!
        }
        return (dataLoss + regLoss, grads)
    }
}
