import Curriculum
import TensorKit
import WorkerKit

// The kinds of check most exercises share: outputs against a fixture, and analytic
// gradients against numeric gradients of the worker's own forward pass.

extension Check {
    /// The outputs of the worker on a fixture case's inputs match the reference's.
    /// - Parameters:
    ///   - only: compare just these outputs (all the case's expected outputs when `nil`).
    ///   - hints: per output, what to look at when it is wrong.
    public static func matchesFixture(
        _ id: String, _ title: String, case name: String, only: [String]? = nil,
        hints: [String: String] = [:]
    ) -> Check {
        matchesFixtures(id, title, cases: [name], only: only, hints: hints)
    }

    /// The outputs of the worker on several fixture cases match the reference's; the
    /// first case that differs fails the check.
    public static func matchesFixtures(
        _ id: String, _ title: String, cases names: [String], only: [String]? = nil,
        hints: [String: String] = [:]
    ) -> Check {
        Check(id: id, title: title) { context in
            var worst: Comparison?
            var passed: [(name: String, request: WorkerRequest)] = []
            for name in names {
                let fixture = try context.fixture(name)
                let reply = try context.evaluate(fixture.request)
                var expected = fixture.expectedOutputs
                if let only { expected = expected.filter { only.contains($0.key) } }
                let outcome = context.compare(reply.allOutputs, expected,
                                              reference: "reference (fixture '\(name)')", hints: hints,
                                              inputs: fixture.request.tensors, numbers: fixture.request.numbers)
                guard case .passed(let comparison) = outcome else {
                    // A case that passed on the same kind of inputs with other values of
                    // the same hyper-parameters says where the slip is, when the output's
                    // shape did not.
                    let request = fixture.request
                    guard case .failed(var failure) = outcome, failure.difference == nil,
                          let description = passed.lazy.filter({
                              Set($0.request.tensors.keys) == Set(request.tensors.keys) && $0.request.strings == request.strings
                          }).compactMap({
                              DifferenceDescription.onlyWithOtherHyperParameters(
                                  passed: ($0.name, $0.request.numbers), failed: (name, request.numbers))
                          }).first
                    else { return outcome }
                    failure.difference = description
                    return .failed(failure)
                }
                passed.append((name, fixture.request))
                worst = Comparison.closerToFailing(worst, comparison)
            }
            return .passed(worst)
        }
    }

    /// The gradients a backward call returns match numeric gradients of the worker's
    /// own forward pass, `Σ out ⊙ dout`, on a fixture case's inputs.
    ///
    /// Earns nothing unless the numeric gradients of that forward pass match the
    /// reference's gradients the case holds: a check of a backward against its own
    /// forward is otherwise won by a forward and backward that return zeros, or by a
    /// forward that recognises the probes and answers them to suit the backward.
    /// - Parameters:
    ///   - case: a fixture whose request is the backward call (it carries `dout`).
    ///   - forward: the call that computes `out` from the same arguments.
    ///   - inputs: input tensor name → the name of its gradient in the backward reply.
    public static func matchesNumericGradient(
        _ id: String, _ title: String, case name: String, forward: String,
        inputs: [(input: String, gradient: String)], hints: [String: String] = [:]
    ) -> Check {
        Check(id: id, title: title) { context in
            let fixture = try context.fixture(name)
            let reply = try context.evaluate(fixture.request)
            guard let dout = fixture.request.tensors["dout"] else {
                throw WorkerFailure.infrastructure("fixture '\(name)' has no dout")
            }
            var analytic: [String: Tensor] = [:], numeric: [String: Tensor] = [:], errors: [String: Tensor] = [:]
            for (input, gradient) in inputs {
                analytic[gradient] = try context.output(gradient, of: reply)
                let estimate = try context.numericGradient(
                    of: fixture.request, call: forward, input: input, output: "out", dout: dout)
                (numeric[gradient], errors[gradient]) = (estimate.value, estimate.error)
            }
            if let failure = context.forwardDisagrees(numeric: numeric, errors: errors, with: fixture) {
                return .failed(failure)
            }
            return context.compare(analytic, numeric, reference: "numeric gradient", hints: hints, allowances: errors)
        }
    }

    /// The `grad.*` a network's loss call returns match numeric gradients of its own
    /// loss with respect to every `param.*`.
    ///
    /// Earns nothing unless that loss matches the reference's: with the case's own
    /// reference loss and gradients when it holds them, or else (a loss that depends
    /// on the student's own dropout mask) with those of `gate`, a case without dropout.
    /// - Parameters:
    ///   - exactlyZero: parameters whose true gradient is zero (a bias right before
    ///     batch norm, which the normalization cancels). Their numeric gradient is pure
    ///     rounding noise, so they are compared with zero instead, within what a
    ///     numeric gradient of the loss can resolve.
    ///   - gate: the case whose reference values the network must match first, when
    ///     not `name` itself.
    public static func matchesNetworkNumericGradient(
        _ id: String, _ title: String, case name: String, exactlyZero: Set<String> = [], gate: String? = nil,
        hints: [String: String] = [:]
    ) -> Check {
        Check(id: id, title: title) { context in
            if let gate {
                let gateFixture = try context.fixture(gate)
                let (_, numeric, errors) = try context.networkGradients(
                    gateFixture, exactlyZero: [], lossIsChecked: gateFixture.expectedNumbers["loss"] != nil)
                if let failure = try context.networkDisagrees(numeric: numeric, errors: errors, with: gateFixture) {
                    return .failed(failure)
                }
            }
            let fixture = try context.fixture(name)
            // Its loss is checked by the gate below, unless another case is the gate.
            let (analytic, numeric, errors) = try context.networkGradients(
                fixture, exactlyZero: exactlyZero, lossIsChecked: gate == nil && fixture.expectedNumbers["loss"] != nil)
            if let missing = fixture.request.tensors.keys.sorted().first(where: {
                $0.hasPrefix("param.") && analytic[String($0.dropFirst("param.".count))] == nil
            }) {
                let parameter = missing.dropFirst("param.".count)
                context.observations.record("gradient of \(parameter) is missing", Tensor(0))
                return .failed(CheckFailure(
                    message: "the loss returned no gradient for '\(parameter)'",
                    hint: "grads needs a gradient for every entry of params, under the same name",
                    difference: DifferenceDescription.missing("grad.\(parameter)", returned: Array(analytic.keys.map { "grad." + $0 }))))
            }
            if gate == nil, let failure = try context.networkDisagrees(numeric: numeric, errors: errors, with: fixture) {
                return .failed(failure)
            }
            return context.compare(analytic, numeric, reference: "numeric gradient of the loss", hints: hints,
                                   allowances: errors)
        }
    }
}

extension CheckContext {
    /// How many probes of a numeric gradient travel in one request: few enough that a
    /// batch of them makes requests for every lane of the worker (``WorkerProcess``),
    /// enough that the request's other tensors are not sent again for each probe.
    static let probesPerRequest = 16

    /// The numeric gradient of `Σ output ⊙ dout` with respect to the tensor `input` of
    /// `request`, with its estimated error, every probe evaluated by the worker.
    /// - Parameters:
    ///   - output: a tensor output of `call`, or a number output (then `dout` is the
    ///     0-d tensor 1).
    ///   - baseIsChecked: whether the output at `request` itself is compared with the
    ///     reference's (see ``NumericGradientEstimate``).
    public func numericGradient(
        of request: WorkerRequest, call: String, input: String, output: String, dout: Tensor,
        baseIsChecked: Bool = false
    ) throws(WorkerFailure) -> NumericGradientEstimate {
        guard let x = request.tensors[input] else {
            throw WorkerFailure.infrastructure("request has no input '\(input)'")
        }
        var failure: WorkerFailure?
        var probing = request
        probing.call = call
        let gradient = NumericGradientEstimate(ofProbes: { points in
            if failure != nil { return points.map { _ in dout } }
            // Requests of a few probes each, so that the worker's lanes can share them.
            let requests = stride(from: 0, to: points.count, by: Self.probesPerRequest).map { start in
                var r = probing
                r.probes = WorkerProbes(input: input, points: Array(points[start..<Swift.min(points.count, start + Self.probesPerRequest)]),
                                        outputs: [output])
                return r
            }
            do throws(WorkerFailure) {
                var outputs: [Tensor] = []
                for probe in try evaluate(requests).flatMap(\.probes) {
                    if let t = probe.tensors[output] {
                        outputs.append(t.shape == dout.shape ? t : dout * .nan)
                    } else if let x = probe.numbers[output] {
                        outputs.append(Tensor(x))
                    } else {
                        throw WorkerFailure.missingOutput(output)
                    }
                }
                return outputs
            } catch {
                failure = error
                return points.map { _ in dout }
            }
        }, at: x, dout: dout, baseIsChecked: baseIsChecked)
        if let failure { throw failure }
        return gradient
    }

    /// A network's analytic gradients (`grad.<parameter>` of the case's loss call) and
    /// the numeric gradients of its loss, by parameter name; a parameter without an
    /// analytic gradient is left out of the first.
    /// - Parameter lossIsChecked: whether the case's loss is compared with the reference's.
    func networkGradients(_ fixture: FixtureCase, exactlyZero: Set<String>, lossIsChecked: Bool) throws(WorkerFailure)
        -> (analytic: [String: Tensor], numeric: [String: Tensor], errors: [String: Tensor]) {
        let reply = try evaluate(fixture.request)
        var analytic: [String: Tensor] = [:], numeric: [String: Tensor] = [:], errors: [String: Tensor] = [:]
        for input in fixture.request.tensors.keys.sorted() where input.hasPrefix("param.") {
            let parameter = String(input.dropFirst("param.".count))
            analytic[parameter] = reply.tensors["grad." + parameter]
            let estimate = try numericGradient(
                of: fixture.request, call: fixture.request.call, input: input, output: "loss", dout: Tensor(1.0),
                baseIsChecked: lossIsChecked)
            // A gradient that is zero in theory comes out of an honest backward pass as
            // rounding noise of the terms it sums, which normalization can make far
            // larger than the gradients compared (behind batch norm of inputs at 1e-3,
            // a thousand times larger): it passes when it is zero within the numeric
            // estimate's resolution, which the loss's rounding sets.
            numeric[parameter] = exactlyZero.contains(parameter) ? .zeros(like: estimate.value) : estimate.value
            errors[parameter] = estimate.error
        }
        return (analytic, numeric, errors)
    }
}
