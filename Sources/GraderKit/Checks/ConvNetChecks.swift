import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `convnet`: Convolutional network.
    public static let convNet = ExerciseChecks(
        name: "convnet", title: "Convolutional network", stubFile: "Sources/Exercises/ConvNet.swift",
        // How `grader fixtures` makes the inputs of each case. AUTHOR-TODO: choose inputs that
        // exercise the whole layer and stay away from any kink (see `awayFromZero`).
        fixtureRecipes: [
            FixtureRecipe("forward", outputs: ["out"]) { g in
                ConvNetCalls.forward.request(tensors: ["x": normal([4, 5], &g)])
            },
            FixtureRecipe("backward", outputs: ["dx"]) { g in
                ConvNetCalls.backward.request(tensors: ["x": normal([10, 10], &g), "dout": normal([10, 10], &g)])
            },
        ],
        // Their points and thresholds are in assignments/course.json, by id.
        checks: [
            .matchesFixture("forward", "forward pass matches the reference", case: "forward",
                            hints: ["out": "AUTHOR-TODO: what to look at when out is wrong"]),
            .matchesFixture("backward", "backward pass matches the reference", case: "backward",
                            hints: ["dx": "AUTHOR-TODO: what to look at when dx is wrong"]),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward", forward: ConvNetCalls.forward.name, inputs: [("x", "dx")]),
        ])
}
