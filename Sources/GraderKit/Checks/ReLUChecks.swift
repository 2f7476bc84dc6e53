import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `relu`: the rectified linear unit.
    public static let relu = ExerciseChecks(
        name: "relu", title: "ReLU", stubFile: "Sources/Exercises/ReLU.swift",
        fixtureRecipes: [
            FixtureRecipe("forward", outputs: ["out"]) { _ in
                WorkerRequest("relu.forward", tensors: ["x": Tensor.linspace(-0.5, 0.5, count: 12).reshaped(3, 4)])
            },
            FixtureRecipe("backward", outputs: ["dx"]) { g in
                WorkerRequest("relu.backward", tensors: ["x": awayFromZero([10, 10], &g), "dout": normal([10, 10], &g)])
            },
        ],
        checks: [
            .matchesFixture("forward", "forward pass matches the reference", case: "forward",
                            hints: ["out": "negative inputs become 0; positive ones pass unchanged"]),
            .matchesFixture("backward", "backward pass matches the reference", case: "backward",
                            hints: ["dx": "the gradient flows only where the forward input was positive"]),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward", forward: "relu.forward", inputs: [("x", "dx")]),
        ])
}
