import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `maxpool`: naive max pooling, forward and backward.
    public static let maxPool = ExerciseChecks(
        name: "maxpool", title: "Max pooling (naive)", stubFile: "Sources/Exercises/MaxPool.swift",
        fixtureRecipes: [
            // The course's own check: 2×2 windows, stride 2.
            FixtureRecipe("forward", outputs: ["out"]) { g in
                MaxPoolCalls.forward.request(tensors: ["x": normal([2, 3, 4, 4], &g)],
                                             numbers: ["poolHeight": 2, "poolWidth": 2, "stride": 2])
            },
            // 3×2 windows at stride 2 on 5×7 images: windows overlap down, and the last
            // column is in no window (H′ = 1 + (5 − 3) / 2 = 2, W′ = 1 + (7 − 2) / 2 = 3).
            FixtureRecipe("forward-overlapping", outputs: ["out"]) { g in
                MaxPoolCalls.forward.request(tensors: ["x": normal([2, 2, 5, 7], &g)],
                                             numbers: ["poolHeight": 3, "poolWidth": 2, "stride": 2])
            },
            FixtureRecipe("backward", outputs: ["dx"]) { g in
                MaxPoolCalls.backward.request(tensors: ["x": normal([3, 2, 8, 8], &g), "dout": normal([3, 2, 4, 4], &g)],
                                              numbers: ["poolHeight": 2, "poolWidth": 2, "stride": 2])
            },
            // 3×2 windows at stride 1: every pixel inside is in several windows, and a pixel
            // that is the maximum of several collects all their gradients.
            FixtureRecipe("backward-overlapping", outputs: ["dx"]) { g in
                MaxPoolCalls.backward.request(tensors: ["x": normal([2, 3, 7, 6], &g), "dout": normal([2, 3, 5, 5], &g)],
                                              numbers: ["poolHeight": 3, "poolWidth": 2, "stride": 1])
            },
            // Whole numbers 0, 1 and 2: most windows hold their maximum more than once.
            FixtureRecipe("backward-ties", outputs: ["dx"]) { g in
                let x = Tensor(shape: [2, 2, 4, 6], scalars: (0..<96).map { _ in Double(g.nextInt(below: 3)) })
                return MaxPoolCalls.backward.request(tensors: ["x": x, "dout": normal([2, 2, 2, 3], &g)],
                                                     numbers: ["poolHeight": 2, "poolWidth": 2, "stride": 2])
            },
        ],
        checks: [
            .matchesFixtures("forward", "forward pass matches the reference (2×2 and 3×2 windows, leftover column)",
                             cases: ["forward", "forward-overlapping"],
                             hints: ["out": "H′ = 1 + (H − poolHeight) / stride, rounded down: a row or column after the last whole window is in no window"]),
            .matchesFixtures("backward", "backward pass matches the reference (separate and overlapping windows)",
                             cases: ["backward", "backward-overlapping"],
                             hints: ["dx": "only the maximum of a window reached the output, so only it gets the window's gradient; a pixel that is the maximum of several windows collects each one's"]),
            .matchesFixture("ties", "on a tie, the gradient goes to the first maximum of the window, row by row",
                            case: "backward-ties",
                            hints: ["dx": "where a window holds its maximum twice, the whole of dout goes to the first one in row-major order (np.argmax), not to each of them"]),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward-overlapping", forward: MaxPoolCalls.forward.name, inputs: [("x", "dx")]),
        ])
}
