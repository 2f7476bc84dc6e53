import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `spatial-batchnorm`: batch normalization of images, per channel.
    public static let spatialBatchNorm = ExerciseChecks(
        name: "spatial-batchnorm", title: "Spatial batch normalization",
        stubFile: "Sources/Exercises/SpatialBatchNorm.swift",
        fixtureRecipes: [
            FixtureRecipe("train-forward", outputs: ["out", "runningMean", "runningVariance"]) { g in
                SpatialBatchNormCalls.forward.request(tensors: [
                    "x": normal([2, 3, 4, 5], &g, mean: 10, std: 4), "gamma": normal([3], &g), "beta": normal([3], &g)],
                    numbers: batchNormDefaults, strings: ["mode": "train"])
            },
            FixtureRecipe("train-forward-other-hyperparameters", outputs: ["out", "runningMean", "runningVariance"]) { g in
                SpatialBatchNormCalls.forward.request(tensors: [
                    "x": normal([2, 3, 4, 5], &g, mean: 1, std: 0.1), "gamma": normal([3], &g), "beta": normal([3], &g)],
                    numbers: batchNormOtherHyperParameters, strings: ["mode": "train"])
            },
            // Never trained: the running statistics count as zeros (see batch norm).
            FixtureRecipe("test-forward-untrained", outputs: ["out"]) { g in
                SpatialBatchNormCalls.forward.request(tensors: [
                    "x": normal([2, 3, 4, 5], &g), "gamma": normal([3], &g), "beta": normal([3], &g)],
                    numbers: batchNormOtherHyperParameters, strings: ["mode": "test"])
            },
            FixtureRecipe("test-forward", outputs: ["out"]) { g in
                SpatialBatchNormCalls.forward.request(tensors: [
                    "x": normal([2, 3, 4, 5], &g, mean: 10, std: 4), "gamma": normal([3], &g), "beta": normal([3], &g),
                    "runningMean": normal([3], &g, mean: 10), "runningVariance": normal([3], &g, mean: 16).map(Swift.abs)],
                    numbers: batchNormDefaults, strings: ["mode": "test"])
            },
            FixtureRecipe("backward", outputs: ["dx", "dgamma", "dbeta"]) { g in
                SpatialBatchNormCalls.backward.request(tensors: [
                    "x": normal([2, 3, 4, 5], &g, mean: 12, std: 5), "gamma": normal([3], &g), "beta": normal([3], &g),
                    "dout": normal([2, 3, 4, 5], &g)], numbers: batchNormDefaults, strings: ["mode": "train"])
            },
        ],
        checks: [
            .matchesFixtures("train-forward", "train-mode forward matches the reference, also with another eps and momentum",
                             cases: ["train-forward", "train-forward-other-hyperparameters"],
                             hints: ["out": "statistics per channel, over N, H and W: move C last before flattening to (N·H·W, C)",
                                    "runningMean": "the running statistics are per channel, shape (C,)"]),
            .trainStatistics(forward: SpatialBatchNormCalls.forward),
            .matchesFixtures("test-forward", "test-mode forward uses the running statistics (zeros before any training)",
                             cases: ["test-forward", "test-forward-untrained"]),
            .matchesFixture("backward", "backward pass matches the reference", case: "backward",
                            hints: ["dx": "undo the transpose and reshape of the forward pass, in reverse order"]),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward", forward: SpatialBatchNormCalls.forward.name,
                                    inputs: [("x", "dx"), ("gamma", "dgamma"), ("beta", "dbeta")]),
        ])
}
