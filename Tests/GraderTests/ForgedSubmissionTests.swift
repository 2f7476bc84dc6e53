#if AUTHOR_EDITION
import Foundation
import Testing
@testable import GraderKit

/// Submissions that try to score without doing the work (`Tests/ForgingWorker`): checks
/// that compare the student's code with itself earn nothing until that code matches
/// the reference.
@Suite("Forged work earns nothing", .serialized)
struct ForgedSubmissionTests {
    /// Grades every exercise with `ForgingWorker` in `mode`.
    static func grade(_ mode: String) -> Report? {
        guard let worker = BuiltProducts.executable("ForgingWorker") else { return nil }
        let assignments = BuiltProducts.checkout.appendingPathComponent("assignments")
        guard let course = try? Course.load(from: assignments.appendingPathComponent("course.json"),
                                            catalog: Judge.catalogByName) else { return nil }
        let judge = Judge(course: course, assignments: assignments,
                          worker: WorkerConfiguration(executable: worker, arguments: [mode], timeout: 30))
        return judge.grade(implementation: "student")
    }

    static let zeros = grade("--zeros")
    static let probeForging = grade("--probe-forging")

    /// The checks that compare a backward pass with the student's own forward pass (or
    /// with another of their backward passes), by exercise.
    static let selfComparing: Set<String> = [
        "affine/gradient", "relu/gradient", "two-layer-net/numeric-gradient",
        "fc-net/numeric-gradient", "fc-net/numeric-gradient-reg", "fc-net/batchnorm-gradient",
        "fc-net/layernorm-gradient", "fc-net/dropout-gradient", "batchnorm/gradient", "batchnorm/alt-agrees",
        "layernorm/gradient", "dropout/backward", "dropout/gradient", "spatial-batchnorm/gradient", "groupnorm/gradient",
    ]

    @Test("a submission that returns zeros everywhere earns no point")
    func zerosEarnNothing() throws {
        let report = try #require(Self.zeros, "ForgingWorker was not built next to the tests")
        let earning = report.exercises.flatMap { e in e.checks.filter { $0.points > 0 }.map { "\(e.name)/\($0.id)" } }
        #expect(earning == [])
        #expect(report.points == 0)
    }

    @Test("a forward that recognises gradient probes earns no gradient point without a backward")
    func probeForgingEarnsNoGradientPoint() throws {
        let report = try #require(Self.probeForging, "ForgingWorker was not built next to the tests")
        let earning = report.exercises.flatMap { e in e.checks.filter { $0.points > 0 }.map { "\(e.name)/\($0.id)" } }
        #expect(Set(earning).isDisjoint(with: Self.selfComparing), "earned: \(earning)")
        // Its forward passes are the reference's: they earn their own points.
        #expect(earning.contains("affine/forward") && earning.contains("batchnorm/train-forward"))
    }

    @Test("a self-comparing check that did not run says why: the forward does not match the reference yet")
    func notCheckedSaysWhy() throws {
        let report = try #require(Self.zeros, "ForgingWorker was not built next to the tests")
        for exercise in report.exercises {
            for check in exercise.checks where Self.selfComparing.contains("\(exercise.name)/\(check.id)") {
                let message = check.failure?.message ?? check.problem ?? ""
                #expect(message.hasPrefix("not checked: your"), "\(exercise.name)/\(check.id): \(message)")
            }
        }
    }
}
#endif
