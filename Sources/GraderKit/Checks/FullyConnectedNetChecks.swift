import Curriculum
import Foundation
import TensorKit
import WorkerKit

/// A network's configuration, which a worker request carries as a JSON string.
protocol WireConfiguration: Encodable {}

extension WireConfiguration {
    /// The configuration as the JSON string a worker request carries.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}

extension NetworkConfiguration: WireConfiguration {}

extension ExerciseChecks {
    /// `fc-net`: a fully-connected net of any depth, with optional normalization and dropout.
    public static let fullyConnectedNet = ExerciseChecks(
        name: "fc-net", title: "Fully-connected network", stubFile: "Sources/Exercises/FullyConnectedNet.swift",
        fixtureRecipes: [
            fullyConnectedRecipe("loss", reg: 0),
            fullyConnectedRecipe("loss-reg", reg: 3.14),
            fullyConnectedRecipe("loss-batchnorm", reg: 0.5, normalization: .batch),
            // A training step of a net trained before: the request carries running
            // statistics, and the updated ones it returns are momentum · given +
            // (1 − momentum) · batch, which a loss that starts from fresh states misses.
            fullyConnectedRecipe("loss-batchnorm-trained", reg: 0.5, normalization: .batch, trained: true),
            fullyConnectedRecipe("scores-batchnorm", reg: 0, normalization: .batch, call: FullyConnectedNetCalls.scores),
            // Test mode before any training step: the running statistics count as zeros
            // (the stub and handout say so), so each batch norm computes γ·a/√eps + β.
            fullyConnectedRecipe("scores-batchnorm-untrained", reg: 0, normalization: .batch,
                                 call: FullyConnectedNetCalls.scores, trained: false),
            fullyConnectedRecipe("loss-layernorm", reg: 0.5, normalization: .layer),
            fullyConnectedRecipe("loss-dropout", reg: 0, keepProbability: 0.5),
            // Keep probabilities other than 0.5, where keep read as drop would be the same.
            // The masks are the handout's (one uniform number per unit from the layer's
            // seeded generator, kept below p), so the reference's values are every
            // correct network's; the seed is drawn with the set.
            fullyConnectedRecipe("scores-dropout", reg: 0, keepProbability: 0.3, call: FullyConnectedNetCalls.scores, drawsDropoutSeed: true),
            fullyConnectedRecipe("loss-dropout-keep75", reg: 0.5, keepProbability: 0.75, drawsDropoutSeed: true),
            fullyConnectedRecipe("loss-dropout-keep30", reg: 0, normalization: .layer, keepProbability: 0.3,
                                 drawsDropoutSeed: true),
        ],
        checks: [
            Check(id: "init", title: "exactly the right parameters, in their shapes, with their initial values (Kaiming, batch norm)") { context in
                // Fan-in and fan-out apart by factors of 4 to 40, so that Kaiming's
                // √(2 / fan-in) is at least twice √(2 / fan-out) or half of it: a relative
                // error of 1/3 or more. And at least 2,500 weights per matrix, so that a
                // sample's standard deviation is within 1.4 % of the truth (0.7 % relative
                // error) per standard deviation of its own scatter.
                let layers = [100, 25, 400, 10]
                let configuration = NetworkConfiguration(
                    inputDimension: 100, hiddenDimensions: [25, 400], classes: 10, normalization: .batch,
                    initialization: .kaiming, seed: context.seed % 1000)
                let reply = try context.evaluate(FullyConnectedNetCalls.initialize.request(strings: ["configuration": configuration.json]))
                // Kaiming's formula misread: fan-out for fan-in, no 2 (LeCun), Glorot's
                // average of the fans, the variance for the std, no scale at all, the
                // network's input dimension for every layer's fan-in.
                let initialization = context.checkInitialization(
                    reply, layers: layers, std: { (2 / Double($0)).squareRoot() }, normalization: "batch normalization",
                    alternatives: { fanIn, fanOut in [
                        ("√(2 / fan-out) = √(2 / \(fanOut))", (2 / Double(fanOut)).squareRoot()),
                        ("√(1 / fan-in) = √(1 / \(fanIn))", (1 / Double(fanIn)).squareRoot()),
                        ("√(2 / (fan-in + fan-out)) = √(2 / \(fanIn + fanOut))", (2 / Double(fanIn + fanOut)).squareRoot()),
                        ("2 / fan-in = 2 / \(fanIn) (the variance, not its root)", 2 / Double(fanIn)),
                        ("1 (no scale)", 1),
                    ] + (fanIn == layers[0] ? [] : [("√(2 / the input dimension) = √(2 / \(layers[0]))", (2 / Double(layers[0])).squareRoot())]) })
                guard case .passed = initialization else { return initialization }
                // The weights come from `configuration.seed` alone: the same net with
                // dropout (and its own dropout seed) starts from the same parameters.
                var withDropout = configuration
                (withDropout.keepProbability, withDropout.dropoutSeed) = (0.5, configuration.seed + 1)
                let again = try context.evaluate(FullyConnectedNetCalls.initialize.request(strings: ["configuration": withDropout.json]))
                let changed = reply.tensors.keys.sorted().filter { again.tensors[$0] != reply.tensors[$0] }
                guard changed.isEmpty else {
                    return .failed(CheckFailure(
                        message: "the same seed with dropout (dropoutSeed \(configuration.seed + 1)) gave other initial values",
                        hint: "draw every weight from one SeededGenerator(seed: configuration.seed); dropoutSeed is for the dropout masks only",
                        difference: "\(changed.joined(separator: ", ")) changed when only keepProbability and dropoutSeed did."))
                }
                return initialization
            },
            .matchesFixtures("loss", "loss and gradients match the reference, with and without regularization",
                             cases: ["loss", "loss-reg"], hints: [
                                "loss": "softmax loss over the batch plus 0.5 · reg · Σ W² over every weight matrix (not biases)"]),
            .matchesNetworkNumericGradient("numeric-gradient", "gradients match numeric gradients of your loss (reg 0)", case: "loss"),
            .matchesNetworkNumericGradient("numeric-gradient-reg", "gradients match numeric gradients of your loss (reg 3.14)", case: "loss-reg"),
            .matchesFixtures("batchnorm", "with batch normalization: loss, gradients, running statistics (also after earlier training) and test-mode scores (also untrained) match the reference",
                             cases: ["loss-batchnorm", "loss-batchnorm-trained", "scores-batchnorm", "scores-batchnorm-untrained"]),
            .matchesNetworkNumericGradient("batchnorm-gradient", "with batch normalization: gradients match numeric gradients",
                                           case: "loss-batchnorm", exactlyZero: ["b1", "b2"],
                                           hints: ["b1": "batch norm subtracts the batch mean, so a bias just before it cannot change the loss",
                                                   "b2": "batch norm subtracts the batch mean, so a bias just before it cannot change the loss"]),
            .matchesFixtures("layernorm", "with layer normalization: loss and gradients match the reference",
                             cases: ["loss-layernorm"]),
            .matchesNetworkNumericGradient("layernorm-gradient", "with layer normalization: gradients match numeric gradients",
                                           case: "loss-layernorm"),
            .followsDropoutSeed(.matchesFixtures("dropout", "with dropout (fixed seed): test-mode scores, and loss and gradients at keep 0.75 and 0.3, match the reference",
                             cases: ["scores-dropout", "loss-dropout-keep75", "loss-dropout-keep30"], hints: [
                                "scores": "in test mode dropout passes everything through: the scores are those of the same net without dropout",
                                "loss": "a dropout after each hidden ReLU only (never after the last affine layer), built as DropoutParameters(keepProbability: configuration.keepProbability, mode: .train, seed: configuration.dropoutSeed): it keeps a unit with that probability and divides the kept ones by it"]),
                                cases: ["loss-dropout-keep75", "loss-dropout-keep30"]),
            .matchesNetworkNumericGradient("dropout-gradient", "with dropout (fixed seed): gradients match numeric gradients",
                                           case: "loss-dropout", gate: "loss"),
            .initialLoss(FullyConnectedNetCalls.loss),
            .overfitsSmallData,
        ])

    /// - Parameters:
    ///   - drawsDropoutSeed: draw the dropout seed from the set's generator (the public
    ///     set's first dropout case keeps its seed 42).
    ///   - trained: with batch norm, whether the request carries running statistics, as
    ///     after earlier training steps; by default a `scores` call's does and a `loss`
    ///     call's does not. Without them the net's states are as `init` left them.
    static func fullyConnectedRecipe(
        _ name: String, reg: Double, normalization: Normalization? = nil, keepProbability: Double = 1,
        call: WorkerCall = FullyConnectedNetCalls.loss, drawsDropoutSeed: Bool = false, trained: Bool? = nil
    ) -> FixtureRecipe {
        let trained = trained ?? (call == FullyConnectedNetCalls.scores)
        let hidden = [10, 8], (n, d, c) = (6, 7, 5)
        let layers = [d] + hidden + [c]
        var outputs = call == FullyConnectedNetCalls.loss ? ["loss"] : ["scores"]
        if call == FullyConnectedNetCalls.loss {
            for i in 1..<layers.count {
                outputs += ["grad.W\(i)", "grad.b\(i)"]
                if normalization != nil && i < layers.count - 1 { outputs += ["grad.gamma\(i)", "grad.beta\(i)"] }
            }
            if normalization == .batch { outputs += hidden.indices.flatMap { ["bn\($0).runningMean", "bn\($0).runningVariance"] } }
        }
        return FixtureRecipe(name, outputs: outputs) { g in
            var tensors = ["x": normal([n, d], &g)]
            for i in 1..<layers.count {
                tensors["param.W\(i)"] = normal([layers[i - 1], layers[i]], &g, std: (2 / Double(layers[i - 1])).squareRoot())
                tensors["param.b\(i)"] = normal([layers[i]], &g, std: 0.1)
                if normalization != nil && i < layers.count - 1 {
                    tensors["param.gamma\(i)"] = normal([layers[i]], &g, mean: 1, std: 0.1)
                    tensors["param.beta\(i)"] = normal([layers[i]], &g, std: 0.1)
                    if trained {
                        tensors["bn\(i - 1).runningMean"] = normal([layers[i]], &g, std: 0.3)
                        tensors["bn\(i - 1).runningVariance"] = normal([layers[i]], &g, mean: 1, std: 0.1).map(Swift.abs)
                    }
                }
            }
            if call == FullyConnectedNetCalls.loss { tensors["labels"] = randomLabels(n, classes: c, &g) }
            let dropoutSeed: UInt64? = keepProbability == 1 ? nil : drawsDropoutSeed ? UInt64(g.nextInt(below: 1_000_000)) : 42
            let configuration = NetworkConfiguration(
                inputDimension: d, hiddenDimensions: hidden, classes: c, normalization: normalization,
                keepProbability: keepProbability, dropoutSeed: dropoutSeed, reg: reg)
            return call.request(tensors: tensors, strings: ["configuration": configuration.json])
        }
    }
}

extension Check {
    /// `check`, whose failure says, when it is so, that the same request twice gave two
    /// losses: the dropout masks do not follow `configuration.dropoutSeed`. A correct
    /// network's loss is a function of its request, to the last bit.
    /// - Parameter cases: fixture cases of `fc-net.loss` calls with a dropout seed.
    static func followsDropoutSeed(_ check: Check, cases: [String]) -> Check {
        var wrapped = check
        wrapped.run = { context in
            let outcome = try check.run(context)
            guard case .failed(var failure) = outcome else { return outcome }
            for name in cases {
                // Only what the failure says may change here, never the outcome: a
                // second call that fails leaves the failure as it was.
                let request = try context.fixture(name).request
                guard let replies = try? context.evaluate([request, request]),
                      let first = replies[0].allOutputs["loss"], let second = replies[1].allOutputs["loss"],
                      first != second else { continue }
                let losses = [first, second]
                let seed = (try? JSONDecoder().decode(NetworkConfiguration.self, from: Data(request.strings["configuration"]!.utf8)))?
                    .dropoutSeed.map(String.init) ?? "?"
                failure.difference = "The same request twice (fixture '\(name)', dropoutSeed \(seed)) gave two losses, \(DifferenceDescription.format(losses[0].scalars.first ?? .nan)) and \(DifferenceDescription.format(losses[1].scalars.first ?? .nan)): the dropout masks do not follow configuration.dropoutSeed."
                    + (failure.difference.map { " " + $0 } ?? "")
                return .failed(failure)
            }
            return outcome
        }
        return wrapped
    }

    /// A three-layer net trained by full-batch gradient descent (the judge applies the
    /// updates) fits 50 random examples: training accuracy reaches the threshold.
    static let overfitsSmallData = overfits(
        "a three-layer net overfits 50 examples", initialize: FullyConnectedNetCalls.initialize,
        scores: FullyConnectedNetCalls.scores, loss: FullyConnectedNetCalls.loss
    ) { seed in
        var g = SeededGenerator(seed: seed)
        let (n, d, c) = (50, 20, 5)
        let x = normal([n, d], &g), labels = randomLabels(n, classes: c, &g)
        let configuration = NetworkConfiguration(inputDimension: d, hiddenDimensions: [50, 50], classes: c,
                                                 initialization: .kaiming, seed: seed % 1000).json
        return (x, labels, c, configuration)
    }

    /// A network trained by full-batch gradient descent (the judge applies the updates,
    /// at most 400 steps of `learningRate`) fits a small random data set: training
    /// accuracy reaches the threshold.
    /// - Parameters:
    ///   - initialize, scores, loss: the network's calls, each taking `configuration`.
    ///   - problem: for the check's seed, the inputs, their labels (as the wire carries
    ///     them), the number of classes and the network's configuration as JSON.
    static func overfits(
        _ title: String, initialize: WorkerCall, scores: WorkerCall, loss: WorkerCall, learningRate: Double = 0.2,
        problem: @escaping @Sendable (UInt64) -> (x: Tensor, labels: Tensor, classes: Int, configuration: String)
    ) -> Check {
        Check(id: "overfit", title: title) { context in
            let (x, labels, c, configuration) = problem(context.seed)
            let n = x.shape[0]
            var params = try context.evaluate(initialize.request(strings: ["configuration": configuration]))
                .tensors.filter { $0.key.hasPrefix("param.") }
            func accuracy() throws(WorkerFailure) -> Double {
                let reply = try context.evaluate(scores.request(tensors: params.merging(["x": x]) { a, _ in a },
                                                               strings: ["configuration": configuration]))
                let scores = try context.output("scores", of: reply)
                guard scores.shape == [n, c] else { return 0 }
                return (scores.argmax(axis: 1) .== labels).mean().scalar
            }
            var trained = 0.0, steps = 0
            for step in 1...400 {
                steps = step
                let reply = try context.evaluate(loss.request(tensors: params.merging(["x": x, "labels": labels]) { a, _ in a },
                                                               strings: ["configuration": configuration]))
                for (name, w) in params {
                    guard let dw = reply.tensors["grad." + name.dropFirst("param.".count)], dw.shape == w.shape else {
                        return .failed(CheckFailure(message: "the loss returned no gradient of \(name.dropFirst(6)) in its shape"))
                    }
                    params[name] = w - learningRate * dw
                }
                if step % 10 == 0 {
                    trained = try accuracy()
                    if trained >= context.threshold { break }
                }
            }
            let comparison = Comparison(quantity: "training accuracy after \(steps) steps", reference: "target", error: trained,
                                        threshold: context.threshold, measure: "accuracy", direction: .atLeast, index: [],
                                        got: trained, expected: 1)
            if comparison.passed { return .passed(comparison) }
            return .failed(CheckFailure(message: "after 400 gradient steps the training accuracy is \(trained)", comparison: comparison,
                                        hint: "a correct net memorizes \(n) examples easily: check the gradients' signs and the update path"))
        }
    }
}
