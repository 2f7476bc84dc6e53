import TensorKit
import WorkerKit

extension ExerciseChecks {
    /// `dropout`: inverted dropout.
    public static let dropout = ExerciseChecks(
        name: "dropout", title: "Dropout", stubFile: "Sources/Exercises/Dropout.swift",
        fixtureRecipes: [
            // keepProbability 0.3, where keeping u < p and keeping u ≥ 1 − p (or u > p)
            // keep different units at the same rate; the seed is drawn with the set.
            FixtureRecipe("train-forward", outputs: ["out"]) { g in
                DropoutCalls.forward.request(tensors: ["x": normal([8, 10], &g, mean: 10)],
                                             numbers: ["keepProbability": 0.3, "seed": Double(g.nextInt(below: 1 << 30))],
                                             strings: ["mode": "train"])
            },
            FixtureRecipe("backward", outputs: []) { g in
                DropoutCalls.backward.request(tensors: ["x": normal([10, 10], &g, mean: 10), "dout": normal([10, 10], &g)],
                              numbers: ["keepProbability": 0.6, "seed": 123], strings: ["mode": "train"])
            },
        ],
        checks: [
            Check(id: "train-statistics", title: "train mode keeps units with probability keepProbability and preserves the mean",
                  diagnosisTolerance: 0.05) { context in
                var g = SeededGenerator(seed: context.seed)
                let x = normal([400, 250], &g, mean: 10)
                let n = Double(x.count)
                var worst: Comparison?
                for p in [0.25, 0.5, 0.75] {
                    let reply = try context.evaluate(DropoutCalls.forward.request(
                        tensors: ["x": x],
                        numbers: ["keepProbability": p, "seed": Double(g.nextInt(below: 1 << 30))], strings: ["mode": "train"]))
                    let out = try context.output("out", of: reply)
                    guard out.shape == x.shape else {
                        return .failed(CheckFailure(message: "out has shape \(formatShape(out.shape)), expected \(formatShape(x.shape))"))
                    }
                    let kept = (out .!= 0.0).mean().scalar
                    let keptDeviation = Swift.abs(kept - p) / (p * (1 - p) / n).squareRoot()
                    // Each output unit is x/p with probability p: its variance is x²(1−p)/p.
                    let meanOut = out.mean().scalar, meanX = x.mean().scalar
                    let meanDeviation = Swift.abs(meanOut - meanX) / ((x * x).mean().scalar * (1 - p) / p / n).squareRoot()
                    context.observations.record("kept fraction at \(p)", Tensor(kept))
                    context.observations.record("mean of out / mean of x at \(p)", Tensor(meanOut / meanX))
                    for (quantity, deviation, got, want, hint) in [
                        ("fraction of units kept at keepProbability \(p)", keptDeviation, kept, p,
                         "keepProbability is the probability of KEEPING a unit"),
                        ("mean of out at keepProbability \(p)", meanDeviation, meanOut, meanX,
                         "inverted dropout divides the kept units by keepProbability at train time, so the mean is preserved"),
                    ] {
                        let c = Comparison(quantity: quantity, reference: "expected value", error: deviation,
                                           threshold: context.threshold, measure: "standard deviations", index: [],
                                           got: got, expected: want)
                        if !c.passed {
                            return .failed(CheckFailure(message: "\(quantity) is off", comparison: c, hint: hint,
                                                        difference: DifferenceDescription.dropoutMask(out: out, x: x, keepProbability: p)))
                        }
                        worst = Comparison.closerToFailing(worst, c)
                    }
                }
                return .passed(worst)
            },
            Check(id: "mask", title: "with a seed, the mask is the handout's: one uniform draw per element, kept where below keepProbability") { context in
                let fixture = try context.fixture("train-forward")
                let reply = try context.evaluate(fixture.request)
                let outcome = context.compare(reply.allOutputs, fixture.expectedOutputs, reference: "reference (fixture 'train-forward')",
                                              hints: ["out": "draw u with Tensor.randomUniform(x.shape, low: 0, high: 1, using: &generator) from parameters.makeGenerator() and keep the elements where u < keepProbability"])
                guard case .failed(var failure) = outcome, let out = reply.tensors["out"] else { return outcome }
                failure.difference = DifferenceDescription.seededMask(out: out, request: fixture.request) ?? failure.difference
                return .failed(failure)
            },
            Check(id: "test-identity", title: "test mode passes the input through unchanged") { context in
                var g = SeededGenerator(seed: context.seed)
                let x = normal([20, 30], &g, mean: 10)
                let reply = try context.evaluate(DropoutCalls.forward.request(
                    tensors: ["x": x], numbers: ["keepProbability": 0.3], strings: ["mode": "test"]))
                return context.compare(reply.allOutputs, ["out": x], reference: "input",
                                       hints: ["out": "with inverted dropout, test mode is the identity: the scaling happened at train time"])
            },
            // At test time the layer is the identity, so its backward is too: dout passes
            // through untouched, whatever keepProbability says (a backward that always
            // applies a mask, or always divides by keepProbability, fails this).
            Check(id: "test-backward", title: "after a test-mode forward, backward passes dout through unchanged") { context in
                var g = SeededGenerator(seed: context.seed)
                let x = normal([20, 30], &g, mean: 10), dout = normal([20, 30], &g)
                let reply = try context.evaluate(DropoutCalls.backward.request(
                    tensors: ["x": x, "dout": dout], numbers: ["keepProbability": 0.3], strings: ["mode": "test"]))
                return context.compare(["dx": try context.output("dx", of: reply)], ["dx": dout], reference: "dout",
                                       hints: ["dx": "a test-mode forward did nothing, so its backward hands dout on as it is"])
            },
            Check(id: "seed", title: "the same seed gives the same mask; another seed, or none, another mask") { context in
                var g = SeededGenerator(seed: context.seed)
                let x = normal([20, 30], &g, mean: 10)
                func forward(seed: Double) -> WorkerRequest {
                    DropoutCalls.forward.request(tensors: ["x": x], numbers: ["keepProbability": 0.5, "seed": seed],
                                  strings: ["mode": "train"])
                }
                let unseeded = DropoutCalls.forward.request(tensors: ["x": x], numbers: ["keepProbability": 0.5],
                                                            strings: ["mode": "train"])
                let replies = try context.evaluate([forward(seed: 7), forward(seed: 7), forward(seed: 8), unseeded, unseeded])
                let first = try context.output("out", of: replies[0])
                let second = try context.output("out", of: replies[1])
                if case .failed(let f) = context.compare(["out": second], ["out": first], reference: "first call with the same seed") {
                    // The failure is the description: the same seed and input, another mask.
                    let masks = second.shape == first.shape
                        ? zip(first.scalars, second.scalars).filter { ($0 == 0) != ($1 == 0) }.count : 0
                    return .failed(CheckFailure(message: "two calls with seed 7 gave different outputs", comparison: f.comparison,
                                                hint: "draw the mask from parameters.makeGenerator(), which is seeded when a seed is set",
                                                difference: masks > 0 ? "Two calls with the same x and seed 7 dropped different units (\(masks) of \(x.count) differ): the mask does not follow the seed." : nil))
                }
                if try context.output("out", of: replies[2]) == first {
                    return .failed(CheckFailure(message: "seeds 7 and 8 gave the same mask",
                                                hint: "draw the mask from parameters.makeGenerator(), not from a fixed generator",
                                                difference: "Seeds 7 and 8 gave the same output, unit for unit: the mask does not follow the seed."))
                }
                if try context.output("out", of: replies[3]) == context.output("out", of: replies[4]) {
                    return .failed(CheckFailure(message: "two calls without a seed gave the same mask",
                                                hint: "without a seed, parameters.makeGenerator() draws from fresh entropy: use it rather than a generator of your own",
                                                difference: "Two calls without a seed gave the same output, unit for unit: an unseeded layer drops the same units every time, so training sees one mask only."))
                }
                return .passed(nil)
            },
            Check(id: "backward", title: "backward passes the gradient through the kept units, scaled") { context in
                let request = try context.fixture("backward").request
                let reply = try context.evaluate(request)
                let out = try context.output("out", of: reply)
                let x = request.tensors["x"]!, dout = request.tensors["dout"]!
                if let failure = context.dropoutForwardDisagrees(out: out, x: x, request: request) { return .failed(failure) }
                // x has no zeros, so out / x is the scaled mask of this very forward pass.
                return context.compare(reply.allOutputs, ["dx": dout * out / x], reference: "gradient through your own mask",
                                       hints: ["dx": "the backward pass multiplies dout by the same scaled mask the forward pass used"])
            },
            Check(id: "gradient", title: "backward pass matches numeric gradients of your forward (fixed seed)") { context in
                let request = try context.fixture("backward").request
                let reply = try context.evaluate(request)
                let out = try context.output("out", of: reply), dx = try context.output("dx", of: reply)
                let x = request.tensors["x"]!, dout = request.tensors["dout"]!
                if let failure = context.dropoutForwardDisagrees(out: out, x: x, request: request) { return .failed(failure) }
                let numeric = try context.numericGradient(of: request, call: DropoutCalls.forward.name, input: "x", output: "out", dout: dout)
                // The mask is the reference here: a forward that answers the probes with
                // another mask, or with its unperturbed output, fails this.
                if case .failed(let f) = context.compare(["dx": numeric.value], ["dx": dout * out / x],
                                                         reference: "gradient through your own mask",
                                                         allowances: ["dx": numeric.error]) {
                    return .failed(CheckFailure(
                        message: CheckContext.notChecked("your forward") + " (its numeric gradient: \(f.message))",
                        comparison: f.comparison,
                        hint: "with a fixed seed the forward pass must draw the same mask on every call"))
                }
                return context.compare(["dx": dx], ["dx": numeric.value], reference: "numeric gradient",
                                       allowances: ["dx": numeric.error])
            },
        ])
}

extension CheckContext {
    /// Whether a train-mode dropout output is not one: every unit must be 0 or x/p,
    /// and some kept and some dropped. Checks of the backward against the student's
    /// own mask lean on it (a forward that returns zeros has a mask of zeros, which a
    /// backward of zeros matches). With the fixtures' 100 units and p = 0.6, a correct
    /// forward keeps none or all with probability 0.4¹⁰⁰ + 0.6¹⁰⁰ < 1e-22.
    /// - Returns: the failure to report, or `nil` when `out` is a dropout of `x`.
    func dropoutForwardDisagrees(out: Tensor, x: Tensor, request: WorkerRequest) -> CheckFailure? {
        guard out.shape == x.shape else {
            return CheckFailure(message: CheckContext.notChecked("your forward")
                                + " (out has shape \(formatShape(out.shape)), expected \(formatShape(x.shape)))")
        }
        let p = request.numbers["keepProbability"] ?? 1
        let kept = zip(out.scalars, x.scalars).filter { o, _ in o != 0 }
        let scaled = kept.allSatisfy { o, x in Swift.abs(o - x / p) <= 1e-12 * Swift.abs(x / p) }
        guard scaled, !kept.isEmpty, kept.count < x.count else {
            return CheckFailure(
                message: CheckContext.notChecked("your forward")
                    + " (in train mode each unit must be 0 or x / keepProbability, some of each; \(kept.count) of \(x.count) are nonzero\(scaled ? "" : ", not all x / keepProbability"))",
                hint: "this check compares your backward with your own forward's mask, so it counts once the forward is right")
        }
        return nil
    }
}
