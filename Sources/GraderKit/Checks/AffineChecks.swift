import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `affine`: forward and backward of a fully-connected layer.
    public static let affine = ExerciseChecks(
        name: "affine", title: "Affine layer", stubFile: "Sources/Exercises/Affine.swift",
        fixtureRecipes: [
            FixtureRecipe("forward", outputs: ["out"]) { g in
                AffineCalls.forward.request(tensors: [
                    "x": normal([2, 4, 5, 6], &g), "w": normal([120, 3], &g), "b": normal([3], &g)])
            },
            FixtureRecipe("backward", outputs: ["dx", "dw", "db"]) { g in
                AffineCalls.backward.request(tensors: [
                    "x": normal([10, 2, 3], &g), "w": normal([6, 5], &g), "b": normal([5], &g),
                    "dout": normal([10, 5], &g)])
            },
        ],
        checks: [
            .matchesFixture("forward", "forward pass matches the reference", case: "forward",
                            hints: ["out": "flatten each input to a row of D = d1·…·dk values before the product with w"]),
            .matchesFixture("backward", "backward pass matches the reference", case: "backward", hints: [
                "dx": "dx must have x's own shape (N, d1, …, dk), not (N, D)",
                "dw": "dw is (D, M): the flattened inputs, transposed, times dout",
                "db": "each bias touches every row of the batch: what does that make its gradient?"]),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward", forward: AffineCalls.forward.name,
                                    inputs: [("x", "dx"), ("w", "dw"), ("b", "db")]),
        ])
}
