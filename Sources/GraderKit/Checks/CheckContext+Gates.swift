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
        let expected = fixture.expectedOutputs.filter { numeric[$0.key] != nil }
        guard !expected.isEmpty else { return nil }
        guard case .failed(let failure) = compare(numeric, expected, reference: "reference (fixture '\(fixture.name)')",
                                                  allowances: errors) else { return nil }
        return CheckFailure(
            message: Self.notChecked("your forward") + " (numeric gradients of your forward: \(failure.message))",
            comparison: failure.comparison,
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
        guard !expected.isEmpty else { return nil }
        guard case .failed(let failure) = compare(got, expected, reference: "reference (fixture '\(fixture.name)')",
                                                  allowances: allowed) else { return nil }
        return CheckFailure(
            message: Self.notChecked("your network's loss") + " (\(failure.message))",
            comparison: failure.comparison,
            hint: "this check compares your gradients with your own loss, so it counts once the loss is right")
    }
}
