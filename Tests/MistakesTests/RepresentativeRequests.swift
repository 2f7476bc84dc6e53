import Curriculum
import Foundation
import GraderKit
import TensorKit
import WorkerKit

/// The requests the judge makes of an exercise: the inputs of its fixture recipes
/// (Sources/GraderKit/Checks), plus the calls its invariant checks make on fresh inputs.
enum RepresentativeRequests {
    static func requests(for exercise: String) -> [WorkerRequest] {
        var g = SeededGenerator(seed: 2024)
        let recipes = Judge.catalogByName[exercise]?.fixtureRecipes ?? []
        return recipes.map { $0.make(&g) } + invariantRequests(for: exercise, &g)
    }

    /// Calls of the invariant checks that no fixture recipe makes.
    static func invariantRequests(for exercise: String, _ g: inout SeededGenerator) -> [WorkerRequest] {
        switch exercise {
        case "two-layer-net":
            return [
                TwoLayerNetCalls.initialize.request(numbers: ["D": 30, "H": 40, "C": 10, "weightScale": 0.05, "reg": 0, "seed": 7]),
                // Tiny weights: the loss is log C.
                TwoLayerNetCalls.loss.request(tensors: ["x": normal([20, 15], &g), "labels": labels(20, classes: 10, &g)],
                              numbers: ["D": 15, "H": 30, "C": 10, "weightScale": 1e-4, "reg": 0, "seed": 1]),
            ]
        case "fc-net":
            let configuration = NetworkConfiguration(inputDimension: 12, hiddenDimensions: [16, 9], classes: 7,
                                                     normalization: .batch, initialization: .kaiming, seed: 3)
            return [FullyConnectedNetCalls.initialize.request(strings: ["configuration": json(configuration)])]
        case "batchnorm":
            // The first training step, before there are running statistics.
            return [BatchNormCalls.forward.request(tensors: [
                "x": normal([8, 3], &g, mean: -2, std: 3), "gamma": normal([3], &g), "beta": normal([3], &g)],
                numbers: ["eps": 1e-5, "momentum": 0.9], strings: ["mode": "train"])]
        case "dropout":
            let x = normal([40, 25], &g, mean: 10)
            return [0.25, 0.5, 0.75].map { p in
                DropoutCalls.forward.request(tensors: ["x": x], numbers: ["keepProbability": p, "seed": 11],
                              strings: ["mode": "train"])
            } + [DropoutCalls.forward.request(tensors: ["x": x], numbers: ["keepProbability": 0.3], strings: ["mode": "test"])]
        case "convnet":
            // Kaiming filters: the fan-in C·K·K against C.
            let configuration = ConvNetConfiguration.deep(inputShape: [3, 6, 6], filters: [4, 5], pools: [0], classes: 7,
                                                          batchNorm: true, seed: 3)
            return [ConvNetCalls.initialize.request(strings: ["configuration": json(configuration)])]
        default:
            return []
        }
    }

    /// A request on which the exercise's reference stops and a check expects it to
    /// (sizes that do not fit), when there is one.
    static func stoppingRequest(for exercise: String) -> WorkerRequest? {
        var g = SeededGenerator(seed: 2025)
        switch exercise {
        case "conv":
            // (W + 2·pad − WW) = 6 − 3 = 3 is not a multiple of the stride 2.
            return ConvolutionCalls.forward.request(
                tensors: ["x": normal([2, 3, 5, 6], &g), "w": normal([2, 3, 3, 3], &g), "b": normal([2], &g)],
                numbers: ["stride": 2, "padding": 0])
        case "groupnorm":
            // 6 channels cannot form 4 groups.
            return GroupNormCalls.forward.request(
                tensors: ["x": normal([2, 6, 2, 2], &g), "gamma": normal([6], &g), "beta": normal([6], &g)],
                numbers: ["groups": 4, "eps": 1e-5])
        default:
            return nil
        }
    }

    static func normal(_ shape: [Int], _ g: inout SeededGenerator, mean: Double = 0, std: Double = 1) -> Tensor {
        Tensor.randomNormal(shape, mean: mean, standardDeviation: std, using: &g)
    }

    static func labels(_ n: Int, classes: Int, _ g: inout SeededGenerator) -> Tensor {
        Tensor((0..<n).map { _ in Double(g.nextInt(below: classes)) })
    }

    static func json(_ configuration: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try! encoder.encode(configuration), as: UTF8.self)
    }
}
