import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `groupnorm`: group normalization of images.
    public static let groupNorm = ExerciseChecks(
        name: "groupnorm", title: "Group normalization", stubFile: "Sources/Exercises/GroupNorm.swift",
        fixtureRecipes: [
            FixtureRecipe("forward", outputs: ["out"]) { g in
                WorkerRequest("groupnorm.forward", tensors: [
                    "x": normal([2, 6, 4, 5], &g, mean: 10, std: 4), "gamma": normal([6], &g), "beta": normal([6], &g)],
                    numbers: ["groups": 2, "eps": 1e-5])
            },
            FixtureRecipe("backward", outputs: ["dx", "dgamma", "dbeta"]) { g in
                WorkerRequest("groupnorm.backward", tensors: [
                    "x": normal([2, 6, 4, 5], &g, mean: 12, std: 5), "gamma": normal([6], &g), "beta": normal([6], &g),
                    "dout": normal([2, 6, 4, 5], &g)], numbers: ["groups": 3, "eps": 1e-5])
            },
        ],
        checks: [
            .matchesFixture("forward", "forward pass matches the reference", case: "forward",
                            hints: ["out": "each sample's C channels form G groups of C/G consecutive channels; normalize each group over its channels and pixels"]),
            .matchesFixture("backward", "backward pass matches the reference", case: "backward"),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward", forward: "groupnorm.forward",
                                    inputs: [("x", "dx"), ("gamma", "dgamma"), ("beta", "dbeta")]),
        ])
}
