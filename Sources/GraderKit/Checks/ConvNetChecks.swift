import Curriculum
import Foundation
import TensorKit
import WorkerKit

extension ConvNetConfiguration: WireConfiguration {}

extension ExerciseChecks {
    /// `convnet`: the three-layer ConvNet and a deep ConvNet with optional spatial batch norm.
    public static let convNet = ExerciseChecks(
        name: "convnet", title: "Convolutional network", stubFile: "Sources/Exercises/ConvNet.swift",
        // Tiny nets, so that a numeric gradient of every parameter costs little: images
        // 2 × 6 × 6, four of them. The three-layer net's 5×5 filters need a padding of 2
        // (not the 1 of a 3×3), and its pool leaves 3×3 maps, so that the order in
        // which the affine layer reads them matters; the deep net with batch norm pools
        // 6 → 3 → 1, rounding down.
        fixtureRecipes: [
            convNetRecipe("scores-three-layer", threeLayerFixture(reg: 0), call: ConvNetCalls.scores),
            convNetRecipe("loss-three-layer", threeLayerFixture(reg: 0)),
            convNetRecipe("loss-three-layer-reg", threeLayerFixture(reg: 0.7)),
            convNetRecipe("loss-deep", ConvNetConfiguration.deep(inputShape: [2, 6, 6], filters: [3, 4], pools: [1],
                                                                 classes: 5, reg: 0.3)),
            convNetRecipe("loss-deep-batchnorm", deepBatchNormFixture),
            // A training step of a net trained before: the updated running statistics
            // are momentum · given + (1 − momentum) · batch, which a loss that starts
            // from fresh states misses.
            convNetRecipe("loss-deep-batchnorm-trained", deepBatchNormFixture, trained: true),
            convNetRecipe("scores-deep-batchnorm", deepBatchNormFixture, call: ConvNetCalls.scores),
        ],
        checks: [
            Check(id: "init", title: "deep net: exactly the right parameters, in their shapes; Kaiming filters with fan-in C·K·K") { context in
                // At least 2,500 weights per tensor, so that a sample's standard deviation
                // is within 0.7 % (relative error) of the truth per standard deviation of
                // its scatter; C·K·K = 144 is 9 times C = 16 and a third of F·K·K = 432.
                // Not half: with F = 2C, √(2 / (F·K·K)) (the fan-out) is √(1 / (C·K·K))
                // (no 2), and a std that is both cannot be said to be either.
                let configuration = ConvNetConfiguration.deep(
                    inputShape: [16, 4, 4], filters: [48, 64], pools: [0], classes: 10, batchNorm: true,
                    seed: context.seed % 1000)
                return try context.checkConvNetInitialization(configuration, alternatives: { layer in
                    guard let k = layer.kernel else {
                        return [("√(2 / fan-out) = √(2 / \(layer.fanOut))", (2 / Double(layer.fanOut)).squareRoot()),
                                ("√(1 / fan-in) = √(1 / \(layer.fanIn))", (1 / Double(layer.fanIn)).squareRoot()),
                                ("1 (no scale)", 1)]
                    }
                    let channels = layer.fanIn / (k * k)
                    return [
                        ("√(2 / C) = √(2 / \(channels)) (the fan-in without the filter's K·K)", (2 / Double(channels)).squareRoot()),
                        ("√(2 / (F·K·K)) = √(2 / \(layer.fanOut)) (the fan-out)", (2 / Double(layer.fanOut)).squareRoot()),
                        ("√(1 / (C·K·K)) = √(1 / \(layer.fanIn))", (1 / Double(layer.fanIn)).squareRoot()),
                        ("2 / (C·K·K) = 2 / \(layer.fanIn) (the variance, not its root)", 2 / Double(layer.fanIn)),
                        ("1 (no scale)", 1),
                    ]
                })
            },
            Check(id: "init-weight-scale", title: "three-layer net: every weight drawn with std weightScale") { context in
                let configuration = ConvNetConfiguration.threeLayer(
                    inputShape: [3, 8, 8], filters: 32, filterSize: 7, hiddenDimension: 100, classes: 25,
                    weightScale: 0.05, seed: context.seed % 1000)
                return try context.checkConvNetInitialization(configuration, alternatives: { layer in
                    [("weightScale² = 0.05²", 0.0025), ("√weightScale = √0.05", 0.05.squareRoot()),
                     ("1 (weightScale not applied)", 1),
                     ("√(2 / fan-in) = √(2 / \(layer.fanIn)) (Kaiming, not the configuration's)", (2 / Double(layer.fanIn)).squareRoot())]
                })
            },
            .matchesFixtures("three-layer", "three-layer net: scores, loss and gradients match the reference, with and without regularization",
                             cases: ["scores-three-layer", "loss-three-layer", "loss-three-layer-reg"], hints: [
                                "scores": "conv (padding (K − 1) / 2) – ReLU – 2×2 max pool – affine – ReLU – affine, no ReLU after the last layer",
                                "loss": "softmax loss over the batch plus 0.5 · reg · Σ W² over every weight tensor, filters included (not biases)"]),
            .matchesNetworkNumericGradient("three-layer-gradient", "three-layer net: gradients match numeric gradients of your loss (reg 0.7)",
                                           case: "loss-three-layer-reg"),
            .matchesFixtures("deep", "deep net: loss and gradients match the reference", cases: ["loss-deep"]),
            .matchesNetworkNumericGradient("deep-gradient", "deep net: gradients match numeric gradients of your loss", case: "loss-deep"),
            .matchesFixtures("batchnorm", "deep net with spatial batch norm: loss, gradients, running statistics (also after earlier training) and test-mode scores match the reference",
                             cases: ["loss-deep-batchnorm", "loss-deep-batchnorm-trained", "scores-deep-batchnorm"], hints: [
                                "loss": "in loss the batch norm runs in .train mode, normalizing with the batch's own statistics",
                                "scores": "in scores the batch norm runs in .test mode, with the running statistics"]),
            .matchesNetworkNumericGradient("batchnorm-gradient", "deep net with spatial batch norm: gradients match numeric gradients",
                                           case: "loss-deep-batchnorm", exactlyZero: ["b1", "b2", "b3"],
                                           hints: ["b1": "batch norm subtracts each channel's mean, so a conv bias just before it cannot change the loss",
                                                   "b2": "batch norm subtracts each channel's mean, so a conv bias just before it cannot change the loss",
                                                   "b3": "batch norm subtracts each channel's mean, so a conv bias just before it cannot change the loss"]),
            Check(id: "initial-loss", title: "with tiny weights the loss is log C") { context in
                var g = SeededGenerator(seed: context.seed)
                let (n, c) = (20, 10)
                let configuration = ConvNetConfiguration.threeLayer(
                    inputShape: [1, 8, 8], filters: 4, filterSize: 3, hiddenDimension: 20, classes: c, weightScale: 1e-4)
                let reply = try context.evaluate(ConvNetCalls.loss.request(
                    tensors: ["x": normal([n, 1, 8, 8], &g), "labels": randomLabels(n, classes: c, &g)],
                    strings: ["configuration": configuration.json]))
                guard let loss = reply.numbers["loss"] else { throw WorkerFailure.missingOutput("loss") }
                return context.compare(["initial loss": Tensor(loss)], ["initial loss": Tensor(Foundation.log(Double(c)))],
                                       reference: "log C for C = \(c) classes",
                                       hints: ["initial loss": "near-zero scores give every class probability 1/C: is the loss averaged over the batch?"])
            },
            .overfits("a three-layer ConvNet overfits 50 images", initialize: ConvNetCalls.initialize,
                      scores: ConvNetCalls.scores, loss: ConvNetCalls.loss, learningRate: 0.05) { seed in
                var g = SeededGenerator(seed: seed)
                let (n, c) = (50, 5)
                let x = normal([n, 1, 8, 8], &g), labels = randomLabels(n, classes: c, &g)
                let configuration = ConvNetConfiguration(
                    inputShape: [1, 8, 8], filters: [8], filterSize: 3, pools: [0], hiddenDimensions: [50],
                    classes: c, initialization: .kaiming, seed: seed % 1000)
                return (x, labels, c, configuration.json)
            },
        ])

    /// The three-layer net of the fixtures: 5×5 filters on 2 × 6 × 6 images, 3×3 maps
    /// after the pool, a hidden layer of 6 and 4 classes.
    static func threeLayerFixture(reg: Double) -> ConvNetConfiguration {
        .threeLayer(inputShape: [2, 6, 6], filters: 3, filterSize: 5, hiddenDimension: 6, classes: 4,
                    weightScale: 1e-3, reg: reg)
    }

    /// The deep net with batch norm of the fixtures: three 3×3 conv layers, pools after
    /// the first and the last (6 → 3 → 1), 5 classes.
    static let deepBatchNormFixture = ConvNetConfiguration.deep(
        inputShape: [2, 6, 6], filters: [3, 4, 4], pools: [0, 2], classes: 5, batchNorm: true, reg: 0.5)

    /// A fixture case of `configuration`: four random images and parameters drawn at
    /// Kaiming's scale (biases, gamma and beta near their initial values, so that the
    /// case is not the initial network), and with batch norm, when `trained`, running
    /// statistics.
    /// - Parameter trained: whether the request carries running statistics, as after
    ///   earlier training steps; by default a `scores` call's does and a `loss` call's
    ///   does not.
    static func convNetRecipe(_ name: String, _ configuration: ConvNetConfiguration,
                              call: WorkerCall = ConvNetCalls.loss, trained: Bool? = nil) -> FixtureRecipe {
        let layers = InitializedLayer.convNet(configuration)
        let trained = trained ?? (call == ConvNetCalls.scores)
        var outputs = call == ConvNetCalls.loss ? ["loss"] : ["scores"]
        if call == ConvNetCalls.loss {
            for layer in layers {
                outputs += ["grad.W\(layer.index)", "grad.b\(layer.index)"]
                if layer.normalized { outputs += ["grad.gamma\(layer.index)", "grad.beta\(layer.index)"] }
            }
            if configuration.batchNorm {
                outputs += configuration.filters.indices.flatMap { ["bn\($0).runningMean", "bn\($0).runningVariance"] }
            }
        }
        let n = 4
        return FixtureRecipe(name, outputs: outputs) { g in
            var tensors = ["x": normal([n] + configuration.inputShape, &g)]
            for layer in layers {
                let i = layer.index
                tensors["param.W\(i)"] = normal(layer.weightShape, &g, std: (2 / Double(layer.fanIn)).squareRoot())
                tensors["param.b\(i)"] = normal([layer.outputs], &g, std: 0.1)
                if layer.normalized {
                    tensors["param.gamma\(i)"] = normal([layer.outputs], &g, mean: 1, std: 0.1)
                    tensors["param.beta\(i)"] = normal([layer.outputs], &g, std: 0.1)
                    if trained {
                        tensors["bn\(i - 1).runningMean"] = normal([layer.outputs], &g, std: 0.3)
                        tensors["bn\(i - 1).runningVariance"] = normal([layer.outputs], &g, mean: 1, std: 0.1).map(Swift.abs)
                    }
                }
            }
            if call == ConvNetCalls.loss { tensors["labels"] = randomLabels(n, classes: configuration.classes, &g) }
            return call.request(tensors: tensors, strings: ["configuration": configuration.json])
        }
    }
}

extension InitializedLayer {
    /// Every layer with weights of a ConvNet of `configuration`, first to last: the conv
    /// layers (normalized with batch norm), then the affine layers, the first of which
    /// reads the last feature maps, their height and width halved (rounding down) by
    /// each pool.
    static func convNet(_ configuration: ConvNetConfiguration) -> [InitializedLayer] {
        var (channels, height, width) = (configuration.inputShape[0], configuration.inputShape[1], configuration.inputShape[2])
        let k = configuration.filterSize
        var layers: [InitializedLayer] = []
        for (index, filters) in configuration.filters.enumerated() {
            layers.append(InitializedLayer(index: index + 1, weightShape: [filters, channels, k, k], kernel: k,
                                           normalized: configuration.batchNorm))
            channels = filters
            if configuration.pools.contains(index) { (height, width) = (height / 2, width / 2) }
        }
        let affine = InitializedLayer.fullyConnected(
            [channels * height * width] + configuration.hiddenDimensions + [configuration.classes], normalized: false)
        return layers + affine.map { layer in
            var layer = layer
            layer.index += configuration.filters.count
            return layer
        }
    }
}

extension CheckContext {
    /// Checks the `init` reply for `configuration`: exactly its parameters, in their
    /// shapes, with the standard deviation its initialization prescribes for each
    /// layer's fan-in (`C · K · K` for a conv layer).
    func checkConvNetInitialization(
        _ configuration: ConvNetConfiguration, alternatives: (InitializedLayer) -> [(formula: String, value: Double)]
    ) throws(WorkerFailure) -> CheckOutcome {
        let reply = try evaluate(ConvNetCalls.initialize.request(strings: ["configuration": configuration.json]))
        return checkInitialization(reply, layers: InitializedLayer.convNet(configuration),
                                   std: { configuration.initialization.standardDeviation(fanIn: $0.fanIn) },
                                   normalization: configuration.batchNorm ? "spatial batch normalization" : nil,
                                   alternatives: alternatives)
    }
}
