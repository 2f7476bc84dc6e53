import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `relu`: the rectified linear unit.
    public static let relu = ExerciseChecks(
        name: "relu", title: "ReLU", stubFile: "Sources/Exercises/ReLU.swift",
        fixtureRecipes: [
            FixtureRecipe("forward", outputs: ["out"]) { _ in
                ReLUCalls.forward.request(tensors: ["x": Tensor.linspace(-0.5, 0.5, count: 12).reshaped(3, 4)])
            },
            FixtureRecipe("backward", outputs: ["dx"]) { g in
                ReLUCalls.backward.request(tensors: ["x": awayFromZero([10, 10], &g), "dout": normal([10, 10], &g)])
            },
            // Every third input exactly 0, where the course's convention is
            // dx = dout · (x > 0) = 0. Not for numeric gradients: ReLU has none at 0.
            FixtureRecipe("backward-at-zero", outputs: ["dx"]) { g in
                let atZero = Tensor((0..<20).map { $0 % 3 == 0 ? 1.0 : 0.0 }).reshaped(4, 5)
                return ReLUCalls.backward.request(tensors: [
                    "x": Tensor.where(atZero .== 1.0, Tensor(0.0), awayFromZero([4, 5], &g)), "dout": normal([4, 5], &g)])
            },
        ],
        checks: [
            .matchesFixture("forward", "forward pass matches the reference", case: "forward",
                            hints: ["out": "negative inputs become 0; positive ones pass unchanged"]),
            .matchesFixtures("backward", "backward pass matches the reference, also at x = 0", cases: ["backward", "backward-at-zero"],
                             hints: ["dx": "the gradient flows only where the forward input was positive (the course takes dx = 0 at x = 0)"]),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward", forward: ReLUCalls.forward.name, inputs: [("x", "dx")]),
        ])
}
