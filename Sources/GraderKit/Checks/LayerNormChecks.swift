import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `layernorm`: layer normalization of (N, D) inputs, per sample.
    public static let layerNorm = ExerciseChecks(
        name: "layernorm", title: "Layer normalization", stubFile: "Sources/Exercises/LayerNorm.swift",
        fixtureRecipes: [
            FixtureRecipe("forward", outputs: ["out"]) { g in
                LayerNormCalls.forward.request(tensors: [
                    "x": normal([4, 6], &g, mean: 2, std: 3), "gamma": normal([6], &g), "beta": normal([6], &g)],
                    numbers: ["eps": 1e-5])
            },
            // eps = 1e-2 on samples of standard deviation 0.1 moves the output by half:
            // a layer that uses the course's 1e-5 instead of the eps it is given shows.
            FixtureRecipe("forward-other-eps", outputs: ["out"]) { g in
                LayerNormCalls.forward.request(tensors: [
                    "x": normal([4, 6], &g, mean: 1, std: 0.1), "gamma": normal([6], &g), "beta": normal([6], &g)],
                    numbers: ["eps": 1e-2])
            },
            FixtureRecipe("backward", outputs: ["dx", "dgamma", "dbeta"]) { g in
                LayerNormCalls.backward.request(tensors: [
                    "x": normal([4, 5], &g, mean: 5, std: 5), "gamma": normal([5], &g), "beta": normal([5], &g),
                    "dout": normal([4, 5], &g)], numbers: ["eps": 1e-5])
            },
        ],
        checks: [
            .matchesFixtures("forward", "forward pass matches the reference, also with another eps",
                             cases: ["forward", "forward-other-eps"],
                             hints: ["out": "normalize each sample (row) over its features; gamma and beta are per feature"]),
            Check(id: "sample-statistics", title: "each sample of the output has mean beta and std gamma") { context in
                var g = SeededGenerator(seed: context.seed)
                // Samples with wildly different scales and offsets: statistics per sample
                // are unaffected; statistics over the batch are not. (Every scale is at
                // least 1, so eps moves the standard deviation by under 1e-5.)
                let x = normal([6, 40], &g) * Tensor([[1], [10], [2], [100], [3], [5]]) + Tensor([[0], [50], [-7], [3], [1], [0]])
                let reply = try context.evaluate(LayerNormCalls.forward.request(
                    tensors: ["x": x, "gamma": Tensor.full([40], 2), "beta": Tensor.full([40], 3)],
                    numbers: ["eps": 1e-5]))
                let out = try context.output("out", of: reply)
                guard out.shape == x.shape else {
                    return .failed(CheckFailure(message: "out has shape \(formatShape(out.shape)), expected \(formatShape(x.shape))"))
                }
                return context.compare(
                    ["mean of each sample": out.mean(axis: 1), "std of each sample": out.standardDeviation(axes: [1])],
                    ["mean of each sample": Tensor.full([6], 3), "std of each sample": Tensor.full([6], 2)],
                    reference: "gamma and beta it should have",
                    hints: ["mean of each sample": "layer norm takes its statistics over each sample's features (axis 1), not over the batch",
                            "std of each sample": "layer norm takes its statistics over each sample's features (axis 1), not over the batch"])
            },
            .matchesFixture("backward", "backward pass matches the reference", case: "backward"),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward", forward: LayerNormCalls.forward.name,
                                    inputs: [("x", "dx"), ("gamma", "dgamma"), ("beta", "dbeta")]),
        ])
}
