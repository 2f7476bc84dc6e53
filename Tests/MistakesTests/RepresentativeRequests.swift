import Curriculum
import Foundation
import TensorKit
import WorkerKit

/// A few requests per exercise, made like the grader's fixture recipes and invariant
/// checks (Sources/GraderKit/Checks): the calls the judge makes, with inputs of the
/// same kinds and shapes. Where a mistake only shows on inputs the recipes do not
/// make (large scores for the softmax), a request says so.
enum RepresentativeRequests {
    static func requests(for exercise: String) -> [WorkerRequest] {
        var g = SeededGenerator(seed: 2024)
        switch exercise {
        case "affine": return affine(&g)
        case "relu": return relu(&g)
        case "two-layer-net": return twoLayerNet(&g)
        case "optimizers": return optimizers(&g)
        case "fc-net": return fullyConnectedNet(&g)
        case "batchnorm": return batchNorm(&g)
        case "layernorm": return layerNorm(&g)
        case "dropout": return dropout(&g)
        case "spatial-batchnorm": return spatialBatchNorm(&g)
        case "groupnorm": return groupNorm(&g)
        default: return []
        }
    }

    static func affine(_ g: inout SeededGenerator) -> [WorkerRequest] {
        [
            WorkerRequest("affine.forward", tensors: ["x": normal([2, 4, 5, 6], &g), "w": normal([120, 3], &g), "b": normal([3], &g)]),
            WorkerRequest("affine.backward", tensors: ["x": normal([10, 2, 3], &g), "w": normal([6, 5], &g), "b": normal([5], &g),
                                                       "dout": normal([10, 5], &g)]),
        ]
    }

    static func relu(_ g: inout SeededGenerator) -> [WorkerRequest] {
        let x = normal([10, 10], &g)
        return [
            WorkerRequest("relu.forward", tensors: ["x": Tensor.linspace(-0.5, 0.5, count: 12).reshaped(3, 4)]),
            WorkerRequest("relu.backward", tensors: ["x": x + Tensor.where(x .>= 0.0, Tensor(0.05), Tensor(-0.05)),
                                                     "dout": normal([10, 10], &g)]),
        ]
    }

    static func twoLayerNet(_ g: inout SeededGenerator) -> [WorkerRequest] {
        func request(_ call: String, reg: Double, inputScale: Double = 1, _ g: inout SeededGenerator) -> WorkerRequest {
            let (n, d, h, c) = (5, 6, 8, 4)
            var tensors = ["param.W1": normal([d, h], &g, std: 0.5), "param.b1": normal([h], &g, std: 0.1),
                           "param.W2": normal([h, c], &g, std: 0.5), "param.b2": normal([c], &g, std: 0.1),
                           "x": normal([n, d], &g, std: inputScale)]
            if call == "loss" { tensors["labels"] = labels(n, classes: c, &g) }
            return WorkerRequest("two-layer-net.\(call)", tensors: tensors, numbers: [
                "D": Double(d), "H": Double(h), "C": Double(c), "weightScale": 1e-3, "reg": reg, "seed": 0])
        }
        return [
            WorkerRequest("two-layer-net.init", numbers: ["D": 30, "H": 40, "C": 10, "weightScale": 0.05, "reg": 0, "seed": 7]),
            request("scores", reg: 0, &g),
            request("loss", reg: 0, &g),
            request("loss", reg: 0.7, &g),
            // Tiny weights: the loss is log C.
            WorkerRequest("two-layer-net.loss", tensors: ["x": normal([20, 15], &g), "labels": labels(20, classes: 10, &g)],
                          numbers: ["D": 15, "H": 30, "C": 10, "weightScale": 1e-4, "reg": 0, "seed": 1]),
            // Scores in the thousands: only a shifted softmax stays finite.
            request("loss", reg: 0, inputScale: 1000, &g),
        ]
    }

    static func optimizers(_ g: inout SeededGenerator) -> [WorkerRequest] {
        let rules: [(function: String, numbers: [String: Double], accumulators: [String: Bool])] = [
            ("sgd", ["learningRate": 1e-2], [:]),
            ("sgdMomentum", ["learningRate": 1e-2, "momentum": 0.9], ["velocity": false]),
            ("nesterovMomentum", ["learningRate": 1e-2, "momentum": 0.9], ["velocity": false]),
            ("adaGrad", ["learningRate": 1e-2, "eps": 1e-8], ["cache": true]),
            ("rmsProp", ["learningRate": 1e-2, "decayRate": 0.99, "eps": 1e-8], ["cache": true]),
            ("adam", ["learningRate": 1e-2, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "t": 5], ["m": false, "v": true]),
        ]
        var requests: [WorkerRequest] = []
        for rule in rules {
            // One step from a state under way …
            var tensors = ["w": normal([4, 5], &g), "dw": normal([1, 4, 5], &g)]
            for (name, positive) in rule.accumulators.sorted(by: { $0.key < $1.key }) {
                let a = normal([4, 5], &g, std: 0.5)
                tensors[name] = positive ? a * a : a
            }
            requests.append(WorkerRequest("optimizers.\(rule.function)", tensors: tensors, numbers: rule.numbers))
            // … and ten steps from a fresh one.
            var fresh = rule.numbers
            if fresh["t"] != nil { fresh["t"] = 0 }
            requests.append(WorkerRequest("optimizers.\(rule.function)",
                                          tensors: ["w": normal([3, 4], &g), "dw": normal([10, 3, 4], &g)], numbers: fresh))
        }
        return requests
    }

    static func fullyConnectedNet(_ g: inout SeededGenerator) -> [WorkerRequest] {
        func request(_ call: String, reg: Double, normalization: Normalization? = nil, keepProbability: Double = 1,
                     _ g: inout SeededGenerator) -> WorkerRequest {
            let hidden = [10, 8], (n, d, c) = (6, 7, 5)
            let layers = [d] + hidden + [c]
            let configuration = NetworkConfiguration(
                inputDimension: d, hiddenDimensions: hidden, classes: c, normalization: normalization,
                keepProbability: keepProbability, dropoutSeed: keepProbability < 1 ? 42 : nil, reg: reg)
            var tensors = ["x": normal([n, d], &g)]
            for i in 1..<layers.count {
                tensors["param.W\(i)"] = normal([layers[i - 1], layers[i]], &g, std: (2 / Double(layers[i - 1])).squareRoot())
                tensors["param.b\(i)"] = normal([layers[i]], &g, std: 0.1)
                if normalization != nil && i < layers.count - 1 {
                    tensors["param.gamma\(i)"] = normal([layers[i]], &g, mean: 1, std: 0.1)
                    tensors["param.beta\(i)"] = normal([layers[i]], &g, std: 0.1)
                    if normalization == .batch {
                        tensors["bn\(i - 1).runningMean"] = normal([layers[i]], &g, std: 0.3)
                        tensors["bn\(i - 1).runningVariance"] = normal([layers[i]], &g, mean: 1, std: 0.1).map(Swift.abs)
                    }
                }
            }
            if call == "loss" { tensors["labels"] = labels(n, classes: c, &g) }
            return WorkerRequest("fc-net.\(call)", tensors: tensors, strings: ["configuration": json(configuration)])
        }
        let initialization = NetworkConfiguration(inputDimension: 12, hiddenDimensions: [16, 9], classes: 7,
                                                  normalization: .batch, initialization: .kaiming, seed: 3)
        return [
            WorkerRequest("fc-net.init", strings: ["configuration": json(initialization)]),
            request("loss", reg: 0, &g),
            request("loss", reg: 3.14, &g),
            request("loss", reg: 0.5, normalization: .batch, &g),
            request("scores", reg: 0, normalization: .batch, &g),
            request("loss", reg: 0.5, normalization: .layer, &g),
            request("loss", reg: 0, keepProbability: 0.5, &g),
        ]
    }

    static let batchNormDefaults: [String: Double] = ["eps": 1e-5, "momentum": 0.9]

    static func batchNorm(_ g: inout SeededGenerator) -> [WorkerRequest] {
        [
            WorkerRequest("batchnorm.forward", tensors: [
                "x": normal([50, 4], &g, mean: 3, std: 4), "gamma": normal([4], &g), "beta": normal([4], &g),
                "runningMean": normal([4], &g), "runningVariance": normal([4], &g, mean: 5).map(Swift.abs)],
                numbers: batchNormDefaults, strings: ["mode": "train"]),
            WorkerRequest("batchnorm.forward", tensors: [
                "x": normal([10, 4], &g, mean: 3, std: 4), "gamma": normal([4], &g), "beta": normal([4], &g),
                "runningMean": normal([4], &g, mean: 3), "runningVariance": normal([4], &g, mean: 9).map(Swift.abs)],
                numbers: batchNormDefaults, strings: ["mode": "test"]),
            // The first training step, before there are running statistics.
            WorkerRequest("batchnorm.forward", tensors: [
                "x": normal([8, 3], &g, mean: -2, std: 3), "gamma": normal([3], &g), "beta": normal([3], &g)],
                numbers: batchNormDefaults, strings: ["mode": "train"]),
            // Features whose running variance is tiny, where eps matters (the recipes'
            // running variances are near 9, where leaving eps out changes out by ~1e-7).
            WorkerRequest("batchnorm.forward", tensors: [
                "x": normal([6, 3], &g, std: 0.01), "gamma": normal([3], &g), "beta": normal([3], &g),
                "runningMean": Tensor.zeros([3]), "runningVariance": Tensor([1e-4, 1e-5, 1e-6])],
                numbers: batchNormDefaults, strings: ["mode": "test"]),
            WorkerRequest("batchnorm.backward", tensors: [
                "x": normal([4, 5], &g, mean: 5, std: 5), "gamma": normal([5], &g), "beta": normal([5], &g),
                "dout": normal([4, 5], &g)], numbers: batchNormDefaults),
            WorkerRequest("batchnorm.backwardAlt", tensors: [
                "x": normal([4, 5], &g, mean: 5, std: 5), "gamma": normal([5], &g), "beta": normal([5], &g),
                "dout": normal([4, 5], &g)], numbers: batchNormDefaults),
        ]
    }

    static func layerNorm(_ g: inout SeededGenerator) -> [WorkerRequest] {
        [
            WorkerRequest("layernorm.forward", tensors: [
                "x": normal([4, 6], &g, mean: 2, std: 3), "gamma": normal([6], &g), "beta": normal([6], &g)],
                numbers: ["eps": 1e-5]),
            WorkerRequest("layernorm.backward", tensors: [
                "x": normal([4, 5], &g, mean: 5, std: 5), "gamma": normal([5], &g), "beta": normal([5], &g),
                "dout": normal([4, 5], &g)], numbers: ["eps": 1e-5]),
        ]
    }

    static func dropout(_ g: inout SeededGenerator) -> [WorkerRequest] {
        let x = normal([40, 25], &g, mean: 10)
        return [0.25, 0.5, 0.75].map { p in
            WorkerRequest("dropout.forward", tensors: ["x": x], numbers: ["keepProbability": p, "seed": 11],
                          strings: ["mode": "train"])
        } + [
            WorkerRequest("dropout.forward", tensors: ["x": x], numbers: ["keepProbability": 0.3], strings: ["mode": "test"]),
            WorkerRequest("dropout.backward", tensors: ["x": normal([10, 10], &g, mean: 10), "dout": normal([10, 10], &g)],
                          numbers: ["keepProbability": 0.6, "seed": 123], strings: ["mode": "train"]),
        ]
    }

    static func spatialBatchNorm(_ g: inout SeededGenerator) -> [WorkerRequest] {
        [
            WorkerRequest("spatial-batchnorm.forward", tensors: [
                "x": normal([2, 3, 4, 5], &g, mean: 10, std: 4), "gamma": normal([3], &g), "beta": normal([3], &g)],
                numbers: batchNormDefaults, strings: ["mode": "train"]),
            WorkerRequest("spatial-batchnorm.forward", tensors: [
                "x": normal([2, 3, 4, 5], &g, mean: 10, std: 4), "gamma": normal([3], &g), "beta": normal([3], &g),
                "runningMean": normal([3], &g, mean: 10), "runningVariance": normal([3], &g, mean: 16).map(Swift.abs)],
                numbers: batchNormDefaults, strings: ["mode": "test"]),
            WorkerRequest("spatial-batchnorm.backward", tensors: [
                "x": normal([2, 3, 4, 5], &g, mean: 12, std: 5), "gamma": normal([3], &g), "beta": normal([3], &g),
                "dout": normal([2, 3, 4, 5], &g)], numbers: batchNormDefaults),
        ]
    }

    static func groupNorm(_ g: inout SeededGenerator) -> [WorkerRequest] {
        [
            WorkerRequest("groupnorm.forward", tensors: [
                "x": normal([2, 6, 4, 5], &g, mean: 10, std: 4), "gamma": normal([6], &g), "beta": normal([6], &g)],
                numbers: ["groups": 2, "eps": 1e-5]),
            WorkerRequest("groupnorm.backward", tensors: [
                "x": normal([2, 6, 4, 5], &g, mean: 12, std: 5), "gamma": normal([6], &g), "beta": normal([6], &g),
                "dout": normal([2, 6, 4, 5], &g)], numbers: ["groups": 3, "eps": 1e-5]),
        ]
    }

    static func normal(_ shape: [Int], _ g: inout SeededGenerator, mean: Double = 0, std: Double = 1) -> Tensor {
        Tensor.randomNormal(shape, mean: mean, standardDeviation: std, using: &g)
    }

    static func labels(_ n: Int, classes: Int, _ g: inout SeededGenerator) -> Tensor {
        Tensor((0..<n).map { _ in Double(g.nextInt(below: classes)) })
    }

    static func json(_ configuration: NetworkConfiguration) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try! encoder.encode(configuration), as: UTF8.self)
    }
}
