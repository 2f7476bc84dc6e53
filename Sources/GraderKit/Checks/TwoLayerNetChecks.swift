import Curriculum
import Foundation
import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `two-layer-net`: affine – ReLU – affine – softmax.
    public static let twoLayerNet = ExerciseChecks(
        name: "two-layer-net", title: "Two-layer network", stubFile: "Sources/Exercises/TwoLayerNet.swift",
        fixtureRecipes: [
            twoLayerRecipe("scores", call: TwoLayerNetCalls.scores, reg: 0, outputs: ["scores"]),
            twoLayerRecipe("loss", call: TwoLayerNetCalls.loss, reg: 0, outputs: ["loss"] + twoLayerGradients),
            twoLayerRecipe("loss-reg", call: TwoLayerNetCalls.loss, reg: 0.7, outputs: ["loss"] + twoLayerGradients),
            // Scores in the thousands: a softmax without the max shift overflows here.
            twoLayerRecipe("loss-large-scores", call: TwoLayerNetCalls.loss, reg: 0, outputs: ["loss"] + twoLayerGradients,
                           inputScale: 1000),
        ],
        checks: [
            Check(id: "init", title: "weights start normal with std weightScale, biases at zero") { context in
                let reply = try context.evaluate(TwoLayerNetCalls.initialize.request(numbers: [
                    "D": 30, "H": 40, "C": 10, "weightScale": 0.05, "reg": 0, "seed": Double(context.seed % 1000)]))
                // What a weight scale misread would give: its square, its root, no scale
                // at all, or a uniform draw on [−0.05, 0.05].
                return context.checkInitialization(reply, layers: [30, 40, 10], std: { _ in 0.05 }, normalization: nil,
                                                   alternatives: { _, _ in [("weightScale² = 0.05²", 0.0025), ("√weightScale = √0.05", 0.05.squareRoot()),
                                                                            ("1 (weightScale not applied)", 1),
                                                                            ("weightScale / √3 (a uniform draw on [−weightScale, weightScale])", 0.05 / 3.0.squareRoot())] })
            },
            .matchesFixture("scores", "test-mode scores match the reference", case: "scores",
                            hints: ["scores": "affine, ReLU, affine: no ReLU after the last layer"]),
            .matchesFixtures("loss", "loss matches the reference, with and without regularization",
                             cases: ["loss", "loss-reg", "loss-large-scores"], only: ["loss"],
                             hints: ["loss": "softmax loss averaged over the batch, plus 0.5 · reg · Σ W² over the weights only"]),
            .matchesFixtures("gradients", "gradients match the reference, with and without regularization",
                             cases: ["loss", "loss-reg"], only: twoLayerGradients,
                             hints: ["grad.W1": "the regularization adds reg · W to each weight's gradient",
                                     "grad.W2": "the regularization adds reg · W to each weight's gradient",
                                     "grad.b1": "biases are not regularized", "grad.b2": "biases are not regularized"]),
            .matchesNetworkNumericGradient("numeric-gradient", "gradients match numeric gradients of your loss",
                                           case: "loss-reg"),
            .initialLoss(TwoLayerNetCalls.loss),
        ])

    static let twoLayerGradients = ["grad.W1", "grad.b1", "grad.W2", "grad.b2"]

    static func twoLayerRecipe(_ name: String, call: WorkerCall, reg: Double, outputs: [String],
                               inputScale: Double = 1) -> FixtureRecipe {
        FixtureRecipe(name, outputs: outputs) { g in
            let (n, d, h, c) = (5, 6, 8, 4)
            var tensors = [
                "param.W1": normal([d, h], &g, std: 0.5), "param.b1": normal([h], &g, std: 0.1),
                "param.W2": normal([h, c], &g, std: 0.5), "param.b2": normal([c], &g, std: 0.1),
                "x": normal([n, d], &g, std: inputScale)]
            if call == TwoLayerNetCalls.loss { tensors["labels"] = randomLabels(n, classes: c, &g) }
            return call.request(tensors: tensors, numbers: [
                "D": Double(d), "H": Double(h), "C": Double(c), "weightScale": 1e-3, "reg": reg, "seed": 0])
        }
    }
}

extension CheckContext {
    /// Checks an `init` reply of a fully-connected net of widths `layers` (input first):
    /// ``checkInitialization(_:layers:std:normalization:alternatives:)-(_,[InitializedLayer],_,_,_)``
    /// with its affine layers, each normalized but the last when `normalization` is set.
    func checkInitialization(_ reply: WorkerReply, layers: [Int], std: (Int) -> Double, normalization: String?,
                             alternatives: (_ fanIn: Int, _ fanOut: Int) -> [(formula: String, value: Double)]) -> CheckOutcome {
        checkInitialization(reply, layers: InitializedLayer.fullyConnected(layers, normalized: normalization != nil),
                            std: { std($0.fanIn) }, normalization: normalization,
                            alternatives: { alternatives($0.fanIn, $0.fanOut) })
    }

    /// Checks an `init` reply: exactly the parameters the layers call for (a network
    /// with a parameter too many or too few stops in training with "no gradient for
    /// parameter …"), their shapes, biases zero, gamma one and beta zero where
    /// normalized, and each weight tensor's standard deviation against `std(layer)`.
    /// - Parameter alternatives: for a layer, the standard deviations a misread
    ///   formula gives, each with the formula: a tensor's std that is one of them is
    ///   described as that (``DifferenceDescription/standardDeviation(_:got:expected:count:alternatives:)``).
    func checkInitialization(_ reply: WorkerReply, layers: [InitializedLayer], std: (InitializedLayer) -> Double,
                             normalization: String?,
                             alternatives: (InitializedLayer) -> [(formula: String, value: Double)]) -> CheckOutcome {
        var got: [String: Tensor] = [:], want: [String: Tensor] = [:]
        var expected: Set<String> = []
        for layer in layers {
            expected.formUnion(["W\(layer.index)", "b\(layer.index)"])
            if layer.normalized { expected.formUnion(["gamma\(layer.index)", "beta\(layer.index)"]) }
        }
        let names = Set(reply.tensors.keys.filter { $0.hasPrefix("param.") }.map { String($0.dropFirst("param.".count)) })
        if names != expected {
            let extra = names.subtracting(expected).sorted(), missing = expected.subtracting(names).sorted()
            // Which parameters are extra or missing, and their shapes, is the evidence that
            // names a mistake here.
            for name in extra { observations.record("extra parameter \(name): shape", Tensor(reply.tensors["param.\(name)"]!.shape.map(Double.init))) }
            for name in missing { observations.record("missing parameter \(name)", Tensor(0)) }
            let problems = (extra.isEmpty ? [] : ["has \(extra.joined(separator: ", ")) it should not have"])
                + (missing.isEmpty ? [] : ["lacks \(missing.joined(separator: ", "))"])
            return .failed(CheckFailure(
                message: "params \(problems.joined(separator: " and ")) (expected exactly \(expected.sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }.joined(separator: ", ")))",
                hint: "W1, b1, W2, b2, … from the first layer on\(normalization == nil ? "" : ", and gamma and beta for each \(layers.first?.kernel == nil ? "hidden" : "conv") layer only")"))
        }
        for layer in layers {
            let i = layer.index
            let w = reply.tensors["param.W\(i)"]!, b = reply.tensors["param.b\(i)"]!
            for (name, t, shape) in [("W\(i)", w, layer.weightShape), ("b\(i)", b, [layer.outputs])] where t.shape != shape {
                // A bias's values are known (zeros): they may be right in the wrong shape.
                // A weight's are random: its sizes are what can be said.
                let difference = name.hasPrefix("b")
                    ? DifferenceDescription.shape(name, got: t, expected: .zeros(shape), related: [:])
                    : DifferenceDescription.layerSize(name, got: t.shape, expected: shape, sizes: InitializedLayer.sizes(of: layers))
                return .failed(CheckFailure(message: "\(name) has shape \(formatShape(t.shape)), expected \(formatShape(shape))",
                                            difference: difference))
            }
            got["std of W\(i)"] = w.standardDeviation()
            want["std of W\(i)"] = Tensor(std(layer))
            if b.scalars.contains(where: { $0 != 0 }) {
                let nonzero = b.scalars.filter { $0 != 0 }.count
                return .failed(CheckFailure(
                    message: "b\(i) does not start at zero", hint: "biases start at zero",
                    difference: "b\(i) holds \(nonzero) nonzero value\(nonzero == 1 ? "" : "s") of \(b.count) (mean \(DifferenceDescription.format(b.mean().scalar)), "
                        + "std \(DifferenceDescription.format(b.standardDeviation().scalar))) where zeros belong."))
            }
            if let normalization, layer.normalized {
                for (name, value) in [("gamma\(i)", 1.0), ("beta\(i)", 0.0)] {
                    guard let t = reply.tensors["param.\(name)"], t.shape == [layer.outputs], t.scalars.allSatisfy({ $0 == value }) else {
                        let present = reply.tensors["param.\(name)"]
                        return .failed(CheckFailure(message: "\(name) should exist with shape (\(layer.outputs),) and start at \(value) with \(normalization)",
                                                    difference: present.flatMap { DifferenceDescription.describe(
                                                        name, outputs: [name: $0], expected: [name: .full([layer.outputs], value)],
                                                        differing: [name], inputs: [:]) }))
                    }
                }
            }
        }
        if let failure = repeatedRandomNumbers(reply, layers: layers.count) { return failure }
        let outcome = compare(got, want, reference: "standard deviation it should have",
                              hints: Dictionary(uniqueKeysWithValues: got.keys.map { ($0, "draw each weight from a normal distribution with the prescribed standard deviation") }))
        // The first tensor off (the one reported): is its std a misread formula's?
        guard case .failed(var failure) = outcome,
              let layer = layers.first(where: { layer in
                  !(Comparison.of("", got["std of W\(layer.index)"]!, want["std of W\(layer.index)"]!, reference: "", threshold: threshold).passed) })
        else { return outcome }
        failure.difference = DifferenceDescription.standardDeviation(
            "the std of W\(layer.index)", got: got["std of W\(layer.index)"]!.scalar, expected: want["std of W\(layer.index)"]!.scalar,
            count: layer.weightShape.reduce(1, *), alternatives: alternatives(layer))
        return .failed(failure)
    }
}

extension CheckContext {
    /// A failure when a weight matrix starts with the same random numbers as an earlier
    /// one: a generator seeded again for each layer instead of one generator drawing
    /// every weight in turn, as the handouts prescribe. No statistic of one matrix
    /// shows it.
    ///
    /// Independent draws over `k` elements correlate by about `1/√k`: at most 0.05
    /// for the `k ≥ 400` of the init checks, so a correct draw never comes near the
    /// 0.99 flagged, while a repeated sequence (rescaled or not) correlates by exactly 1.
    private func repeatedRandomNumbers(_ reply: WorkerReply, layers: Int) -> CheckOutcome? {
        let weights = (1...layers).map { reply.tensors["param.W\($0)"]!.scalars }
        for j in weights.indices.dropFirst() {
            for i in 0..<j {
                let k = min(weights[i].count, weights[j].count)
                let correlation = pearsonCorrelation(weights[i].prefix(k), weights[j].prefix(k))
                guard correlation > 0.99 else { continue }
                observations.record("W\(j + 1) repeats W\(i + 1)'s random numbers: correlation", Tensor(correlation))
                // The failure is itself the description: the factor that maps one onto the other.
                let factor = zip(weights[j].prefix(k), weights[i].prefix(k)).reduce(0) { $0 + $1.0 * $1.1 }
                    / weights[i].prefix(k).reduce(0) { $0 + $1 * $1 }
                let rescaled = Swift.abs(factor - 1) > 1e-9
                return .failed(CheckFailure(
                    message: "W\(j + 1) starts with the same random numbers as W\(i + 1) (correlation \(String(format: "%.4f", correlation)) over their first \(k) elements)",
                    hint: "seed one generator once and draw every weight matrix from it in turn: a generator seeded again for each layer repeats the same numbers",
                    difference: "W\(j + 1)'s first \(k) values are W\(i + 1)'s first \(k)\(rescaled ? " times \(DifferenceDescription.format(factor))" : "") (correlation \(String(format: "%.4f", correlation))): the same random numbers\(rescaled ? ", rescaled" : "")."))
            }
        }
        return nil
    }
}

extension Check {
    /// With tiny weights the scores are near zero, so the initial loss is log C.
    static func initialLoss(_ loss: WorkerCall) -> Check {
        Check(id: "initial-loss", title: "with tiny weights the loss is log C") { context in
            var g = SeededGenerator(seed: context.seed)
            let (n, d, c) = (20, 15, 10)
            var request = loss.request(tensors: ["x": normal([n, d], &g), "labels": randomLabels(n, classes: c, &g)])
            if loss == TwoLayerNetCalls.loss {
                request.numbers = ["D": Double(d), "H": 30, "C": Double(c), "weightScale": 1e-4, "reg": 0, "seed": 1]
            } else {
                request.strings["configuration"] = NetworkConfiguration(
                    inputDimension: d, hiddenDimensions: [30, 20], classes: c, initialization: .scale(1e-4)).json
            }
            let reply = try context.evaluate(request)
            guard let loss = reply.numbers["loss"] else { throw WorkerFailure.missingOutput("loss") }
            return context.compare(["initial loss": Tensor(loss)], ["initial loss": Tensor(Foundation.log(Double(c)))],
                                   reference: "log C for C = \(c) classes",
                                   hints: ["initial loss": "near-zero scores give every class probability 1/C: is the loss averaged over the batch?"])
        }
    }
}
