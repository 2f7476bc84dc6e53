import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `maxpool`: Max pooling (naive).
    public static let maxPool = ExerciseChecks(
        name: "maxpool", title: "Max pooling (naive)", stubFile: "Sources/Exercises/MaxPool.swift",
        // How `grader fixtures` makes the inputs of each case. AUTHOR-TODO: choose inputs that
        // exercise the whole layer and stay away from any kink (see `awayFromZero`).
        fixtureRecipes: [
            FixtureRecipe("forward", outputs: ["out"]) { g in
                MaxPoolCalls.forward.request(tensors: ["x": normal([4, 5], &g)])
            },
            FixtureRecipe("backward", outputs: ["dx"]) { g in
                MaxPoolCalls.backward.request(tensors: ["x": normal([10, 10], &g), "dout": normal([10, 10], &g)])
            },
        ],
        // Their points and thresholds are in assignments/course.json, by id.
        checks: [
            .matchesFixture("forward", "forward pass matches the reference", case: "forward",
                            hints: ["out": "AUTHOR-TODO: what to look at when out is wrong"]),
            .matchesFixture("backward", "backward pass matches the reference", case: "backward",
                            hints: ["dx": "AUTHOR-TODO: what to look at when dx is wrong"]),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward", forward: MaxPoolCalls.forward.name, inputs: [("x", "dx")]),
        ])
}
