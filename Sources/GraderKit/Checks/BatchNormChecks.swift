import Curriculum
import TensorKit
import WorkerKit

/// The numbers every batch-norm request carries: the course's eps and momentum.
let batchNormDefaults: [String: Double] = ["eps": 1e-5, "momentum": 0.9]

/// An eps and a momentum other than the course's, for the cases that see a layer
/// which ignores its state's values and uses the defaults. With features of standard
/// deviation 0.1, eps = 1e-2 moves the output by half; momentum 0.5 halves the
/// running averages' memory.
let batchNormOtherHyperParameters: [String: Double] = ["eps": 1e-2, "momentum": 0.5]

extension ExerciseChecks {
    /// `batchnorm`: batch normalization of (N, D) inputs, both backward passes.
    public static let batchNorm = ExerciseChecks(
        name: "batchnorm", title: "Batch normalization", stubFile: "Sources/Exercises/BatchNorm.swift",
        fixtureRecipes: [
            FixtureRecipe("train-forward", outputs: ["out", "runningMean", "runningVariance"]) { g in
                BatchNormCalls.forward.request(tensors: [
                    "x": normal([50, 4], &g, mean: 3, std: 4), "gamma": normal([4], &g), "beta": normal([4], &g),
                    "runningMean": normal([4], &g), "runningVariance": normal([4], &g, mean: 5).map(Swift.abs)],
                    numbers: batchNormDefaults, strings: ["mode": "train"])
            },
            FixtureRecipe("test-forward", outputs: ["out", "runningMean", "runningVariance"]) { g in
                BatchNormCalls.forward.request(tensors: [
                    "x": normal([10, 4], &g, mean: 3, std: 4), "gamma": normal([4], &g), "beta": normal([4], &g),
                    "runningMean": normal([4], &g, mean: 3), "runningVariance": normal([4], &g, mean: 9).map(Swift.abs)],
                    numbers: batchNormDefaults, strings: ["mode": "test"])
            },
            FixtureRecipe("train-forward-other-hyperparameters", outputs: ["out", "runningMean", "runningVariance"]) { g in
                BatchNormCalls.forward.request(tensors: [
                    "x": normal([50, 4], &g, mean: 1, std: 0.1), "gamma": normal([4], &g), "beta": normal([4], &g),
                    "runningMean": normal([4], &g), "runningVariance": normal([4], &g, mean: 5).map(Swift.abs)],
                    numbers: batchNormOtherHyperParameters, strings: ["mode": "train"])
            },
            // A state that was never trained holds no running statistics: they count as
            // zeros (the course's `bn_param.get('running_mean', zeros)`), so the output is
            // γ·x/√eps + β.
            FixtureRecipe("test-forward-untrained", outputs: ["out"]) { g in
                BatchNormCalls.forward.request(tensors: [
                    "x": normal([10, 4], &g), "gamma": normal([4], &g), "beta": normal([4], &g)],
                    numbers: batchNormOtherHyperParameters, strings: ["mode": "test"])
            },
            // Running variances near eps: where forgetting eps at test time shows.
            FixtureRecipe("test-forward-small-variance", outputs: ["out"]) { g in
                BatchNormCalls.forward.request(tensors: [
                    "x": normal([10, 4], &g, std: 0.01), "gamma": normal([4], &g), "beta": normal([4], &g),
                    "runningMean": normal([4], &g, std: 0.01), "runningVariance": Tensor([1e-4, 1e-5, 1e-6, 3e-5])],
                    numbers: batchNormDefaults, strings: ["mode": "test"])
            },
            FixtureRecipe("backward", outputs: ["dx", "dgamma", "dbeta"]) { g in
                BatchNormCalls.backward.request(tensors: [
                    "x": normal([4, 5], &g, mean: 5, std: 5), "gamma": normal([5], &g), "beta": normal([5], &g),
                    "dout": normal([4, 5], &g)], numbers: batchNormDefaults, strings: ["mode": "train"])
            },
            FixtureRecipe("backward-alt", outputs: ["dx", "dgamma", "dbeta"]) { g in
                BatchNormCalls.backwardAlt.request(tensors: [
                    "x": normal([4, 5], &g, mean: 5, std: 5), "gamma": normal([5], &g), "beta": normal([5], &g),
                    "dout": normal([4, 5], &g)], numbers: batchNormDefaults, strings: ["mode": "train"])
            },
        ],
        checks: [
            .matchesFixtures("train-forward", "train-mode forward matches the reference, also with another eps and momentum",
                             cases: ["train-forward", "train-forward-other-hyperparameters"],
                             only: ["out"], hints: ["out": "normalize each feature (column) with the batch's mean and biased variance, then scale by gamma and shift by beta"]),
            .trainStatistics(forward: BatchNormCalls.forward),
            .matchesFixtures("running-averages", "running mean and variance are updated as the course defines",
                             cases: ["train-forward", "train-forward-other-hyperparameters"],
                             only: ["runningMean", "runningVariance"], hints: [
                                "runningMean": "running = momentum · running + (1 − momentum) · batch statistic",
                                "runningVariance": "the running variance averages the batch's biased variance"]),
            .runningAveragesConverge(forward: BatchNormCalls.forward),
            .matchesFixtures("test-forward", "test-mode forward uses the running statistics (zeros before any training)",
                             cases: ["test-forward", "test-forward-small-variance", "test-forward-untrained"],
                            hints: ["out": "at test time normalize with the running mean and variance (and eps), not the batch's"]),
            .matchesFixture("backward", "backward pass matches the reference", case: "backward"),
            .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                    case: "backward", forward: BatchNormCalls.forward.name,
                                    inputs: [("x", "dx"), ("gamma", "dgamma"), ("beta", "dbeta")]),
            .matchesFixture("backward-alt", "simplified backward matches the reference", case: "backward-alt",
                            hints: ["dx": "every x[i] also moves the batch mean and variance: all three paths meet in dx"]),
            Check(id: "alt-agrees", title: "backward and backwardAlt agree") { context in
                let fixture = try context.fixture("backward")
                var request = fixture.request
                let graph = try context.evaluate(request)
                // Two backward passes that agree earn nothing while they agree on a wrong
                // answer (two that return zeros agree perfectly).
                if case .failed = context.compare(graph.allOutputs, fixture.expectedOutputs,
                                                  reference: "reference (fixture 'backward')") {
                    return .failed(CheckFailure(message: CheckContext.notChecked("your backward"),
                                                hint: "this check compares backwardAlt with your backward, so it counts once backward is right"))
                }
                request.call = BatchNormCalls.backwardAlt.name
                let alt = try context.evaluate(request)
                return context.compare(alt.allOutputs, graph.outputs(["dx", "dgamma", "dbeta"]),
                                       reference: "result of your backward")
            },
        ])
}

extension Check {
    /// In train mode, each feature of the output has mean `beta` and standard deviation
    /// `gamma` (up to eps), on fresh random inputs.
    static func trainStatistics(forward: WorkerCall) -> Check {
        Check(id: "train-statistics", title: "train-mode output has mean beta and std gamma per feature",
              diagnosisTolerance: 1e-3) { context in
            var g = SeededGenerator(seed: context.seed)
            let spatial = forward == SpatialBatchNormCalls.forward
            let shape = spatial ? [8, 3, 5, 5] : [200, 3]
            let axes = spatial ? [0, 2, 3] : [0]
            let gamma = Tensor([1.0, 2.0, 3.0]), beta = Tensor([0.5, -1.0, 4.0])
            let x = normal(shape, &g, mean: 12, std: 5)
            let reply = try context.evaluate(forward.request(
                tensors: ["x": x, "gamma": gamma, "beta": beta],
                numbers: batchNormDefaults, strings: ["mode": "train"]))
            let out = try context.output("out", of: reply)
            guard out.shape == x.shape else {
                return .failed(CheckFailure(message: "out has shape \(formatShape(out.shape)), expected \(formatShape(x.shape))"))
            }
            return context.compare(
                ["mean of out per feature": out.mean(axes: axes), "std of out per feature": out.standardDeviation(axes: axes)],
                ["mean of out per feature": beta, "std of out per feature": gamma],
                reference: "gamma and beta it should have",
                hints: ["mean of out per feature": "are the statistics taken per feature, over the batch axis?",
                        "std of out per feature": "is the variance the biased one, with eps inside the square root?"])
        }
    }

    /// Over many training steps from an empty state, the running mean and variance
    /// are the course's running averages of the batches' statistics.
    ///
    /// Compared exactly with the averages the judge computes from the very batches it
    /// sent, not with the data's distribution: a running average of 64-sample batches
    /// scatters around the distribution's statistics by a few percent, so any
    /// statistical tolerance either fails correct code on some seeds (19 of 300 at 5 %)
    /// or lets wrong momentum through.
    static func runningAveragesConverge(forward: WorkerCall) -> Check {
        Check(id: "running-convergence", title: "from an empty state, running averages follow the batches over 30 steps") { context in
            var g = SeededGenerator(seed: context.seed)
            let spatial = forward == SpatialBatchNormCalls.forward
            let mean = Tensor([-2.0, 3.0, 10.0]), std = Tensor([1.0, 2.0, 0.5])
            let (shape, broadcast, axes): ([Int], [Int], [Int]) = spatial ? ([16, 3, 2, 2], [1, 3, 1, 1], [0, 2, 3]) : ([64, 3], [1, 3], [0])
            let momentum = batchNormDefaults["momentum"]!
            // The course's empty state: running statistics start at zero.
            var expected = ["runningMean": Tensor.zeros([3]), "runningVariance": Tensor.zeros([3])]
            // What a state started from the first batch's statistics (not from zero) holds.
            var fromFirstBatch: [String: Tensor] = [:]
            var running: [String: Tensor] = [:]
            for _ in 0..<30 {
                let x = normal(shape, &g) * std.reshaped(broadcast) + mean.reshaped(broadcast)
                let reply = try context.evaluate(forward.request(
                    tensors: ["x": x, "gamma": Tensor.ones([3]), "beta": Tensor.zeros([3])].merging(running) { a, _ in a },
                    numbers: batchNormDefaults, strings: ["mode": "train"]))
                running = ["runningMean": try context.output("runningMean", of: reply),
                           "runningVariance": try context.output("runningVariance", of: reply)]
                expected["runningMean"] = momentum * expected["runningMean"]! + (1 - momentum) * x.mean(axes: axes)
                expected["runningVariance"] = momentum * expected["runningVariance"]! + (1 - momentum) * x.variance(axes: axes)
                for (key, statistic) in [("runningMean", x.mean(axes: axes)), ("runningVariance", x.variance(axes: axes))] {
                    fromFirstBatch[key] = fromFirstBatch[key].map { momentum * $0 + (1 - momentum) * statistic } ?? statistic
                }
            }
            return context.compare(running, expected,
                                   reference: "running averages of the batches' statistics",
                                   hints: ["runningMean": "an empty state starts at zero; each step keeps momentum of the old value",
                                           "runningVariance": "the running variance averages the batches' biased variances"],
                                   inputs: ["the running mean started from the first batch's mean instead of 0": fromFirstBatch["runningMean"]!,
                                            "the running variance started from the first batch's variance instead of 0": fromFirstBatch["runningVariance"]!])
        }
    }
}
