import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `conv`: the naive convolutional layer, forward and backward.
    public static let convolution = ExerciseChecks(
        name: "conv", title: "Convolution (naive)", stubFile: "Sources/Exercises/Convolution.swift",
        fixtureRecipes: [
            // The course's own check: 4×4 filters, stride 2, one pixel of padding.
            FixtureRecipe("forward", outputs: ["out"]) { g in
                ConvolutionCalls.forward.request(
                    tensors: ["x": normal([2, 3, 4, 4], &g), "w": normal([3, 3, 4, 4], &g), "b": normal([3], &g)],
                    numbers: ["stride": 2, "padding": 1])
            },
            // A 3×2 filter on 5×7 images, no padding: rows and columns are not interchangeable,
            // and a flipped filter differs from the true one.
            FixtureRecipe("forward-rectangular", outputs: ["out"]) { g in
                ConvolutionCalls.forward.request(
                    tensors: ["x": normal([2, 2, 5, 7], &g), "w": normal([3, 2, 3, 2], &g), "b": normal([3], &g)],
                    numbers: ["stride": 1, "padding": 0])
            },
            // Stride 2 and two pixels of padding with a 3×2 filter: (7 + 4 − 3) / 2 + 1 = 5 rows,
            // (6 + 4 − 2) / 2 + 1 = 5 columns.
            FixtureRecipe("forward-strided", outputs: ["out"]) { g in
                ConvolutionCalls.forward.request(
                    tensors: ["x": normal([2, 2, 7, 6], &g), "w": normal([3, 2, 3, 2], &g), "b": normal([3], &g)],
                    numbers: ["stride": 2, "padding": 2])
            },
            // 3×3 filters, stride 1, one pixel of padding ("same" convolution).
            FixtureRecipe("backward", outputs: ["dx", "dw", "db"]) { g in
                ConvolutionCalls.backward.request(
                    tensors: ["x": normal([2, 3, 5, 5], &g), "w": normal([2, 3, 3, 3], &g), "b": normal([2], &g),
                              "dout": normal([2, 2, 5, 5], &g)],
                    numbers: ["stride": 1, "padding": 1])
            },
            // Stride 2, padding 1, a 3×2 filter: windows overlap down, not across.
            FixtureRecipe("backward-strided", outputs: ["dx", "dw", "db"]) { g in
                ConvolutionCalls.backward.request(
                    tensors: ["x": normal([2, 2, 7, 6], &g), "w": normal([3, 2, 3, 2], &g), "b": normal([3], &g),
                              "dout": normal([2, 3, 4, 4], &g)],
                    numbers: ["stride": 2, "padding": 1])
            },
        ],
        checks: [
            .matchesFixtures("forward", "forward pass matches the reference (square and 3×2 filters, strides 1 and 2, padding 0 to 2)",
                             cases: ["forward", "forward-rectangular", "forward-strided"],
                             hints: ["out": "out[n, f, i, j] = b[f] + the sum over c, p, q of xpad[n, c, i·stride + p, j·stride + q] · w[f, c, p, q]: the filter is not flipped, the padding is on all four sides, and H′ = 1 + (H + 2·pad − HH) / stride"]),
            .matchesFixtures("backward", "backward pass matches the reference (stride 1 and 2, padding 1)",
                             cases: ["backward", "backward-strided"], hints: [
                                 "dx": "every pixel collects w[f, c, p, q] · dout[n, f, i, j] from each window it was in; the padding's share is dropped",
                                 "dw": "dw[f] collects the window times dout[n, f, i, j] over every image n and position (i, j); dw has w's shape (F, C, HH, WW)",
                                 "db": "b[f] was added at every image and every output position: db is (F,)"]),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward-strided", forward: ConvolutionCalls.forward.name,
                                    inputs: [("x", "dx"), ("w", "dw"), ("b", "db")]),
            Check(id: "stops-when-stride-does-not-fit",
                  title: "stops with a message when (H + 2·pad − HH) or (W + 2·pad − WW) is not a multiple of the stride") { context in
                // Any stop passes (the handout asks for a message naming the sizes, which
                // the grader cannot judge), but only once the forward pass answers a
                // valid input as the reference does: a layer that stops on every input
                // would earn the point otherwise.
                if let failure = try context.outputsDisagree(
                    with: try context.fixture("forward"), what: "your forward pass",
                    hint: "a layer that stops on every input would pass this check, so it counts once the forward pass is right") {
                    return .failed(failure)
                }
                // 3×3 filters at stride 2: first only the columns leave one over (rows
                // 5 − 3 = 2 fit, columns 6 − 3 = 3 do not), then only the rows (with
                // padding 1, rows 6 + 2 − 3 = 5 do not fit, columns 5 + 2 − 3 = 4 do).
                var g = SeededGenerator(seed: context.seed)
                let geometries: [(x: [Int], padding: Double, axis: String, sizes: String)] = [
                    ([2, 3, 5, 6], 0, "W", "W + 2·pad − WW = 6 + 0 − 3 = 3"),
                    ([2, 3, 6, 5], 1, "H", "H + 2·pad − HH = 6 + 2 − 3 = 5"),
                ]
                for geometry in geometries {
                    let request = ConvolutionCalls.forward.request(
                        tensors: ["x": normal(geometry.x, &g), "w": normal([2, 3, 3, 3], &g), "b": normal([2], &g)],
                        numbers: ["stride": 2, "padding": geometry.padding])
                    guard let reply = try context.replyUnlessStopped(request) else { continue }
                    let shape = "x \(formatShape(geometry.x)), w (2, 3, 3, 3), stride 2, pad \(Int(geometry.padding))"
                    // What came back instead of a stop: the evidence a known mistake's signature matches.
                    context.observations.record("output for \(shape)", try context.output("out", of: reply))
                    return .failed(CheckFailure(
                        message: "with \(shape) the forward pass returned an output instead of stopping: \(geometry.sizes) is not a multiple of 2",
                        hint: "check both H and W before computing H′ and W′, and stop with shapeFailure(_:) naming the sizes (ConvolutionGeometry with fit: .exact does it for you)",
                        // The check tests one behaviour, so its failure is the description.
                        difference: "\(geometry.sizes) is not a multiple of the stride 2, yet the forward pass returned an output: nothing stops it when the filter does not fit along \(geometry.axis)."))
                }
                return .passed(nil)
            },
        ])
}
