import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import GraderKit

/// An error must be at most its threshold; a score, such as an accuracy, at least it.
/// Every comparison here is made by hand, with numbers chosen so the expected text and
/// verdicts can be read off.
@Suite("A comparison's direction")
struct ComparisonDirectionTests {
    static func accuracy(_ value: Double, threshold: Double = 0.98) -> Comparison {
        Comparison(quantity: "training accuracy after 400 steps", reference: "target", error: value,
                   threshold: threshold, measure: "accuracy", direction: .atLeast, index: [], got: value, expected: 1)
    }

    static func relativeError(_ value: Double) -> Comparison {
        Comparison(quantity: "dx", reference: "reference", error: value, threshold: 1e-10,
                   index: [3, 1], got: 0.2134, expected: -0.5512)
    }

    @Test("an accuracy passes at or above its threshold and fails below it; NaN fails either way")
    func atLeastPasses() {
        #expect(Self.accuracy(0.99).passed)
        #expect(Self.accuracy(0.98).passed)
        #expect(!Self.accuracy(0.6).passed)
        #expect(!Self.accuracy(.nan).passed)
        #expect(!Self.relativeError(.nan).passed)
        #expect(Self.relativeError(1e-10).passed && !Self.relativeError(1e-9).passed)
    }

    @Test("an accuracy is printed as what it needs, not as an error under a threshold")
    func atLeastText() {
        #expect(TextReport.describe(Self.accuracy(0.6)) == "accuracy 0.6, needs ≥ 0.98")
        #expect(TextReport.describe(Self.accuracy(1, threshold: 1)) == "accuracy 1, needs ≥ 1")
        #expect(TextReport.describe(Self.relativeError(0.31))
                == "relative error 3.1e-01 > threshold 1.0e-10; largest at [3, 1]: got 0.2134, expected -0.5512")
    }

    @Test("of two passing comparisons, the one closer to failing is kept: the larger error, the smaller accuracy")
    func closerToFailing() {
        #expect(Comparison.closerToFailing(Self.accuracy(1), Self.accuracy(0.99))?.error == 0.99)
        #expect(Comparison.closerToFailing(Self.accuracy(0.99), Self.accuracy(1))?.error == 0.99)
        #expect(Comparison.closerToFailing(Self.relativeError(1e-12), Self.relativeError(1e-11))?.error == 1e-11)
        #expect(Comparison.closerToFailing(Self.relativeError(1e-11), Self.relativeError(1e-12))?.error == 1e-11)
        #expect(Comparison.closerToFailing(nil, Self.accuracy(1))?.error == 1)
        #expect(Comparison.closerToFailing(Self.accuracy(1), nil)?.error == 1)
        #expect(Comparison.closerToFailing(nil, nil) == nil)
    }

    @Test("a comparison kept from before directions existed reads back as an error that must be at most its threshold")
    func decodesWithoutDirection() throws {
        let old = #"{"quantity":"dx","reference":"r","error":0.5,"threshold":1e-8,"index":[0],"got":1,"expected":2}"#
        let comparison = try JSONDecoder().decode(Comparison.self, from: Data(old.utf8))
        #expect(comparison.direction == .atMost && !comparison.passed)
        let again = try JSONDecoder().decode(Comparison.self, from: JSONEncoder().encode(Self.accuracy(0.6)))
        #expect(again == Self.accuracy(0.6))
    }

    /// A report with one passing and one failing accuracy check.
    static var report: Report {
        let passed = CheckResult(id: "overfit", title: "overfits", status: .passed, points: 2, maxPoints: 2,
                                 measured: accuracy(0.99))
        let failed = CheckResult(id: "overfit-again", title: "overfits again", status: .failed, points: 0, maxPoints: 2,
                                 failure: CheckFailure(message: "after 400 gradient steps the training accuracy is 0.6",
                                                       comparison: accuracy(0.6)))
        let exercise = ExerciseResult(name: "fc-net", title: "Fully-connected net", stubFile: "Sources/Exercises/FullyConnectedNet.swift",
                                      handout: "assignments/fc-net/README.md", status: .failed, checks: [passed, failed])
        return Report(implementation: "student", seed: 1, exercises: [exercise], output: "")
    }

    @Test("JSON, JUnit and Gradescope reports stay valid and say the direction where they show a threshold")
    func machineReports() throws {
        let json = try JSONSerialization.jsonObject(with: MachineReports.json(Self.report)) as? [String: Any]
        let checks = try #require((json?["exercises"] as? [[String: Any]])?.first?["checks"] as? [[String: Any]])
        #expect((checks[0]["measured"] as? [String: Any])?["direction"] as? String == "at-least")
        #expect(((checks[1]["failure"] as? [String: Any])?["comparison"] as? [String: Any])?["direction"] as? String == "at-least")

        let junit = MachineReports.junit(Self.report)
        let parser = XMLParser(data: Data(junit.utf8))
        #expect(parser.parse(), "well-formed XML")
        #expect(junit.contains("accuracy 0.6, needs ≥ 0.98"))

        let gradescope = try JSONSerialization.jsonObject(with: MachineReports.gradescope(Self.report)) as? [String: Any]
        let tests = try #require(gradescope?["tests"] as? [[String: Any]])
        #expect((tests[0]["output"] as? String) == "passed (accuracy 0.99, needs ≥ 0.98)")
        #expect((tests[1]["output"] as? String)?.contains("accuracy 0.6, needs ≥ 0.98") == true)
    }
}
