import Foundation
import Testing
@testable import GraderKit

/// The judge against a worker that traps, hangs, lies, returns wrong shapes, prints,
/// and has stubs left: each is reported as what it is, and the rest is still graded.
@Suite("The judge survives misbehaving student code", .serialized)
struct JudgeRobustnessTests {
    static let report: Report? = {
        guard let worker = BuiltProducts.executable("FaultyWorker") else { return nil }
        let assignments = BuiltProducts.checkout.appendingPathComponent("assignments")
        guard let course = try? Course.load(from: assignments.appendingPathComponent("course.json"),
                                            catalog: Judge.catalogByName) else { return nil }
        let judge = Judge(course: course, assignments: assignments,
                          worker: WorkerConfiguration(executable: worker, timeout: 1))
        return judge.grade(["relu", "affine", "batchnorm", "layernorm", "groupnorm", "dropout"], implementation: "student")
    }()

    func exercise(_ name: String) throws -> ExerciseResult {
        let report = try #require(Self.report, "FaultyWorker was not built next to the tests")
        return try #require(report.exercises.first { $0.name == name })
    }

    @Test("a correct exercise passes even though others crash around it")
    func correctExercisePasses() throws {
        #expect(try exercise("relu").status == .passed)
    }

    @Test("a trap is a crash, with the runtime's message and where the runtime stopped")
    func trapIsCrash() throws {
        let affine = try exercise("affine")
        #expect(affine.status == .crashed)
        let problem = try #require(affine.checks.first?.problem)
        // The standard library reports the trap from its own source file (an array
        // bounds check), so the location names that file, not the student's.
        #expect(problem.hasPrefix("crashed: Index out of range (at "))
    }

    @Test("a hang is a time-out")
    func hangIsTimeout() throws {
        let batchnorm = try exercise("batchnorm")
        #expect(batchnorm.status == .crashed)
        #expect(batchnorm.checks.allSatisfy { $0.status == .timedOut })
        #expect(batchnorm.checks.first?.problem == "timed out after 1 s")
    }

    @Test("wrong values fail with the error, threshold and place of the largest difference")
    func wrongValuesFail() throws {
        let layernorm = try exercise("layernorm")
        #expect(layernorm.status == .failed)
        let forward = try #require(layernorm.checks.first { $0.id == "forward" })
        let comparison = try #require(forward.failure?.comparison)
        #expect(comparison.quantity == "out")
        #expect(comparison.error > comparison.threshold)
        #expect(comparison.index.count == 2)
    }

    @Test("a wrong shape fails naming both shapes")
    func wrongShapeFails() throws {
        let groupnorm = try exercise("groupnorm")
        #expect(groupnorm.status == .failed)
        let forward = try #require(groupnorm.checks.first { $0.id == "forward" })
        #expect(forward.failure?.message == "out has shape (2, 120), expected (2, 6, 4, 5)")
    }

    @Test("a stub is 'not started', not a crash")
    func stubIsNotStarted() throws {
        let dropout = try exercise("dropout")
        #expect(dropout.status == .notStarted)
        #expect(dropout.checks.first?.problem?.contains("forward") == true)
    }

    @Test("what student code prints is collected, not mixed into the protocol")
    func printsAreCollected() throws {
        let report = try #require(Self.report)
        #expect(report.output.contains("hello from relu forward"))
    }
}
