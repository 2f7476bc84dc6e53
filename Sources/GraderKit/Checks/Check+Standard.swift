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
            for name in names {
                let fixture = try context.fixture(name)
                let reply = try context.evaluate(fixture.request)
                var expected = fixture.expectedOutputs
                if let only { expected = expected.filter { only.contains($0.key) } }
                let outcome = context.compare(reply.allOutputs, expected,
                                              reference: "reference (fixture '\(name)')", hints: hints,
                                              inputs: fixture.request.tensors)
                guard case .passed(let comparison) = outcome else { return outcome }
                if let c = comparison, c.error > worst?.error ?? -1 { worst = c }
            }
            return .passed(worst)
        }
    }

    /// The gradients a backward call returns match numeric gradients of the worker's
    /// own forward pass, `Σ out ⊙ dout`, on a fixture case's inputs.
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
            var analytic: [String: Tensor] = [:], numeric: [String: Tensor] = [:]
            for (input, gradient) in inputs {
                analytic[gradient] = try context.output(gradient, of: reply)
                numeric[gradient] = try context.numericGradient(
                    of: fixture.request, call: forward, input: input, output: "out", dout: dout)
            }
            return context.compare(analytic, numeric, reference: "numeric gradient", hints: hints)
        }
    }

    /// The `grad.*` a network's loss call returns match numeric gradients of its own
    /// loss with respect to every `param.*`.
    /// - Parameter exactlyZero: parameters whose true gradient is zero (a bias right
    ///   before batch norm, which the normalization cancels). Their numeric gradient is
    ///   pure rounding noise, so they are compared with zero instead.
    public static func matchesNetworkNumericGradient(
        _ id: String, _ title: String, case name: String, exactlyZero: Set<String> = [],
        hints: [String: String] = [:]
    ) -> Check {
        Check(id: id, title: title) { context in
            let fixture = try context.fixture(name)
            let reply = try context.evaluate(fixture.request)
            var analytic: [String: Tensor] = [:], numeric: [String: Tensor] = [:]
            for input in fixture.request.tensors.keys.sorted() where input.hasPrefix("param.") {
                let parameter = String(input.dropFirst("param.".count))
                guard let gradient = reply.tensors["grad." + parameter] else {
                    context.observations.record("gradient of \(parameter) is missing", Tensor(0))
                    return .failed(CheckFailure(
                        message: "the loss returned no gradient for '\(parameter)'",
                        hint: "grads needs a gradient for every entry of params, under the same name"))
                }
                analytic[parameter] = gradient
                if exactlyZero.contains(parameter) {
                    numeric[parameter] = Tensor.zeros(like: fixture.request.tensors[input]!)
                    continue
                }
                numeric[parameter] = try context.numericGradient(
                    of: fixture.request, call: fixture.request.call, input: input, output: "loss", dout: Tensor(1.0))
            }
            return context.compare(analytic, numeric, reference: "numeric gradient of the loss", hints: hints)
        }
    }
}

extension CheckContext {
    /// The numeric gradient of `Σ output ⊙ dout` with respect to the tensor `input` of
    /// `request`, with every probe evaluated by the worker.
    /// - Parameter output: a tensor output of `call`, or a number output (then `dout`
    ///   is the 0-d tensor 1).
    public func numericGradient(
        of request: WorkerRequest, call: String, input: String, output: String, dout: Tensor
    ) throws(WorkerFailure) -> Tensor {
        guard let x = request.tensors[input] else {
            throw WorkerFailure.infrastructure("request has no input '\(input)'")
        }
        var failure: WorkerFailure?
        let gradient = Curriculum.numericGradient(ofBatch: { probes in
            if failure != nil { return probes.map { _ in dout } }
            let requests = probes.map { probe -> WorkerRequest in
                var r = request
                r.call = call
                r.tensors[input] = probe
                return r
            }
            do {
                return try evaluate(requests).map { reply throws(WorkerFailure) -> Tensor in
                    if let t = reply.tensors[output] { return t.shape == dout.shape ? t : dout * .nan }
                    if let x = reply.numbers[output] { return Tensor(x) }
                    throw WorkerFailure.missingOutput(output)
                }
            } catch let error as WorkerFailure {
                failure = error
                return probes.map { _ in dout }
            } catch {
                failure = .infrastructure("\(error)")
                return probes.map { _ in dout }
            }
        }, at: x, dout: dout)
        if let failure { throw failure }
        return gradient
    }
}
