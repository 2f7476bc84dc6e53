import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `conv`: Convolution (naive).
    public static let convolution = ExerciseChecks(
        name: "conv", title: "Convolution (naive)", stubFile: "Sources/Exercises/Convolution.swift",
        // How `grader fixtures` makes the inputs of each case. AUTHOR-TODO: choose inputs that
        // exercise the whole layer and stay away from any kink (see `awayFromZero`).
        fixtureRecipes: [
            FixtureRecipe("forward", outputs: ["out"]) { g in
                ConvolutionCalls.forward.request(tensors: ["x": normal([4, 5], &g)])
            },
            FixtureRecipe("backward", outputs: ["dx"]) { g in
                ConvolutionCalls.backward.request(tensors: ["x": normal([10, 10], &g), "dout": normal([10, 10], &g)])
            },
        ],
        // Their points and thresholds are in assignments/course.json, by id.
        checks: [
            .matchesFixture("forward", "forward pass matches the reference", case: "forward",
                            hints: ["out": "AUTHOR-TODO: what to look at when out is wrong"]),
            .matchesFixture("backward", "backward pass matches the reference", case: "backward",
                            hints: ["dx": "AUTHOR-TODO: what to look at when dx is wrong"]),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward", forward: ConvolutionCalls.forward.name, inputs: [("x", "dx")]),
        ])
}
