import TensorKit
import WorkerKit

// Gates: a check that compares the student's code with itself (a backward with the
// numeric gradients of its own forward, two backward passes with each other) says
// nothing when the code it compares with is wrong. A forward and a backward that
// return zeros agree perfectly, and a forward that recognises the judge's probes can
// answer them to suit any backward. So such a check earns its points only once the
// code it leans on matches the reference; until then it fails as "not checked".

extension CheckContext {
    /// The message of a check that did not run because the code it leans on is wrong.
    static func notChecked(_ what: String) -> String {
        "not checked: \(what) does not match the reference yet"
    }

    /// Whether numeric gradients of the student's forward pass differ from the
    /// reference's gradients that `fixture` holds (for the outputs it holds; a case
    /// without them gates nothing, and the public set always has them).
    ///
    /// Comparing gradients rather than forward values also defeats probe recognition:
    /// a forward that answers probes to suit its backward has the numeric gradients of
    /// that backward, so it passes here only when that backward is the reference's.
    /// - Returns: the failure to report, or `nil` when the forward matches.
    func forwardDisagrees(numeric: [String: Tensor], errors: [String: Tensor], with fixture: FixtureCase) -> CheckFailure? {
        gate(numeric, fixture.expectedOutputs.filter { numeric[$0.key] != nil }, allowances: errors, of: fixture,
             what: "your forward", detail: "numeric gradients of your forward: ",
             hint: "this check compares your backward with your own forward, so it counts once the forward is right")
    }

    /// Whether a network's loss on `fixture`, or the numeric gradients of that loss
    /// (`numeric`, by parameter), differ from the reference's that the case holds.
    /// - Returns: the failure to report, or `nil` when the loss matches.
    func networkDisagrees(numeric: [String: Tensor], errors: [String: Tensor],
                          with fixture: FixtureCase) throws(WorkerFailure) -> CheckFailure? {
        var expected: [String: Tensor] = [:], got: [String: Tensor] = [:], allowed: [String: Tensor] = [:]
        if let loss = fixture.expectedNumbers["loss"] {
            expected["loss"] = Tensor(loss)
            got["loss"] = try evaluate(fixture.request).numbers["loss"].map { Tensor($0) } ?? Tensor(Double.nan)
        }
        for (parameter, value) in numeric {
            guard let reference = fixture.expectedTensors["grad." + parameter] else { continue }
            expected["numeric gradient of " + parameter] = reference
            got["numeric gradient of " + parameter] = value
            allowed["numeric gradient of " + parameter] = errors[parameter]
        }
        return gate(got, expected, allowances: allowed, of: fixture, what: "your network's loss", detail: "",
                    hint: "this check compares your gradients with your own loss, so it counts once the loss is right")
    }

    /// Whether the outputs of the student's code on `fixture` differ from the reference's
    /// there: the gate of a check whose passing answer a wrong implementation could give
    /// everywhere (stopping on every input passes a "must stop" check).
    /// - Parameter hint: why the check waits for these outputs.
    /// - Returns: the failure to report, or `nil` when the outputs match.
    func outputsDisagree(with fixture: FixtureCase, what: String, hint: String) throws(WorkerFailure) -> CheckFailure? {
        gate(try evaluate(fixture.request).allOutputs, fixture.expectedOutputs, allowances: [:], of: fixture,
             what: what, detail: "", hint: hint)
    }

    /// The "not checked" failure when `got` differs from a case's `expected` values
    /// (none when the case holds none to compare with).
    private func gate(_ got: [String: Tensor], _ expected: [String: Tensor], allowances: [String: Tensor],
                      of fixture: FixtureCase, what: String, detail: String, hint: String) -> CheckFailure? {
        guard !expected.isEmpty else { return nil }
        guard case .failed(let failure) = compare(got, expected, reference: "reference (fixture '\(fixture.name)')",
                                                  allowances: allowances) else { return nil }
        return CheckFailure(message: Self.notChecked(what) + " (\(detail)\(failure.message))",
                            comparison: failure.comparison, hint: hint)
    }
}
