import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `groupnorm`: group normalization of images.
    public static let groupNorm = ExerciseChecks(
        name: "groupnorm", title: "Group normalization", stubFile: "Sources/Exercises/GroupNorm.swift",
        fixtureRecipes: [
            FixtureRecipe("forward", outputs: ["out"]) { g in
                GroupNormCalls.forward.request(tensors: [
                    "x": normal([2, 6, 4, 5], &g, mean: 10, std: 4), "gamma": normal([6], &g), "beta": normal([6], &g)],
                    numbers: ["groups": 2, "eps": 1e-5])
            },
            // eps = 1e-2 on groups of standard deviation 0.1 moves the output by half:
            // a layer that uses the course's 1e-5 instead of the eps it is given shows.
            FixtureRecipe("forward-other-eps", outputs: ["out"]) { g in
                GroupNormCalls.forward.request(tensors: [
                    "x": normal([2, 6, 4, 5], &g, mean: 1, std: 0.1), "gamma": normal([6], &g), "beta": normal([6], &g)],
                    numbers: ["groups": 3, "eps": 1e-2])
            },
            FixtureRecipe("backward", outputs: ["dx", "dgamma", "dbeta"]) { g in
                GroupNormCalls.backward.request(tensors: [
                    "x": normal([2, 6, 4, 5], &g, mean: 12, std: 5), "gamma": normal([6], &g), "beta": normal([6], &g),
                    "dout": normal([2, 6, 4, 5], &g)], numbers: ["groups": 3, "eps": 1e-5])
            },
        ],
        checks: [
            .matchesFixtures("forward", "forward pass matches the reference, also with another eps",
                             cases: ["forward", "forward-other-eps"],
                             hints: ["out": "each sample's C channels form G groups of C/G consecutive channels; normalize each group over its channels and pixels"]),
            .matchesFixture("backward", "backward pass matches the reference", case: "backward"),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward", forward: GroupNormCalls.forward.name,
                                    inputs: [("x", "dx"), ("gamma", "dgamma"), ("beta", "dbeta")]),
            Check(id: "groups-divide-channels", title: "stops with a message when C is not a multiple of G") { context in
                // C·H·W = 24 is a multiple of G = 4, so a reshape to (N, G, −1) does not
                // stop by itself: it cuts channels in half between groups (the handout's
                // example). The handout asks the layer to stop, so any stop passes; but
                // only once the forward pass answers a valid input as the reference
                // does (within the check's threshold), or a layer that stops on
                // everything would earn the point.
                if let failure = try context.outputsDisagree(
                    with: try context.fixture("forward"), what: "your forward pass",
                    hint: "a layer that stops on every input would pass this check, so it counts once the forward pass is right") {
                    return .failed(failure)
                }
                var g = SeededGenerator(seed: context.seed)
                let request = GroupNormCalls.forward.request(tensors: [
                    "x": normal([2, 6, 2, 2], &g), "gamma": normal([6], &g), "beta": normal([6], &g)],
                    numbers: ["groups": 4, "eps": 1e-5])
                guard try context.replyUnlessStopped(request) != nil else { return .passed(nil) }
                return .failed(CheckFailure(
                    message: "with C = 6 channels and G = 4 groups the forward pass returned an output instead of stopping",
                    hint: "C must be a multiple of G: check it before reshaping and stop with shapeFailure(_:) naming C and G",
                    // The check tests one behaviour, so its failure is the description.
                    difference: "6 channels cannot form 4 groups of equal size, yet the forward pass returned an output: nothing stops it when C is not a multiple of G."))
            },
        ])
}
