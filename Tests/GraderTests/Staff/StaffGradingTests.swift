// Grading with fresh fixtures needs the reference solutions: author's edition only.
#if AUTHOR_EDITION
import Foundation
import Testing
import TensorKit
@testable import GraderKit
@testable import StaffKit

/// Grading submissions as course staff: every test here builds students' code in one
/// shared staging area, so they run one at a time (the first run builds the course
/// there, a minute or more; later runs only the submissions).
@Suite("Staff grading", .serialized)
struct StaffGradingTests {
    /// The published fixtures, then fresh ones from seed 7.
    static let grader = Result { try StaffSupport.grader() }

    static func exercise(_ name: String, in report: StaffReport) throws -> ExerciseResult {
        try #require(report.report.exercises.first { $0.name == name })
    }

    @Test("a file that does not compile is graded as its stub; the other files still earn their points")
    func compileErrorFallsBackToStub() throws {
        let grader = try Self.grader.get()
        let report = try grader.grade(try StaffSupport.folder(
            ["ReLU.swift": StaffSupport.correctReLU, "Affine.swift": StaffSupport.brokenAffine], named: "bob"))
        #expect(report.refused == nil)
        #expect(report.compileFailures.map(\.file) == ["Sources/Exercises/Affine.swift"])
        #expect(report.compileFailures.first?.exercises == ["affine"])
        #expect(report.compileFailures.first?.errors.contains { $0.contains("Affine.swift") && $0.contains("error:") } == true)
        let relu = try Self.exercise("relu", in: report)
        #expect(relu.status == .passed && relu.points == relu.maxPoints)
        let affine = try Self.exercise("affine", in: report)
        #expect(affine.points == 0)
        #expect(affine.checks.allSatisfy { $0.problem?.contains("did not compile") == true })
        #expect(report.text().contains("Did not compile, graded as the shipped stub"))
    }

    @Test("correct code passes on every set: the public fixtures and fresh ones from the seed")
    func correctCodePassesEverySet() throws {
        let grader = try Self.grader.get()
        let report = try grader.grade(try StaffSupport.folder(
            ["Sources/Exercises/ReLU.swift": StaffSupport.correctReLU, "Sources/Exercises/Affine.swift": StaffSupport.correctAffine,
             "assignments/01-affine/answers.md": "Flatten first.\n", "scratch.py": "print(1)"], named: "alice"))
        #expect(report.fixtureSets == ["public", "fresh (seed 7)"])
        #expect(report.report.seed == 7)
        #expect(try Self.exercise("affine", in: report).status == .passed)
        #expect(try Self.exercise("relu", in: report).status == .passed)
        #expect(report.points == 13)
        #expect(report.ignored == ["scratch.py"])
        #expect(report.answers == [AnswerFile(path: "assignments/01-affine/answers.md", text: "Flatten first.\n")])
        #expect(report.text().contains("Flatten first."))
    }

    @Test("a check that passes the public fixtures but not a hidden set earns nothing, and the report names the set")
    func hiddenSetCanFailACheck() throws {
        // A hidden set whose ReLU forward case expects twice the right answer.
        let hidden = try StaffSupport.folder([:], named: "tampered")
        let relu = hidden.appendingPathComponent("relu")
        try FileManager.default.createDirectory(at: relu, withIntermediateDirectories: true)
        for name in ["forward", "backward"] {
            try FileManager.default.copyItem(at: StaffSupport.workspace.assignments.appendingPathComponent("02-relu/fixtures/\(name)"),
                                             to: relu.appendingPathComponent(name))
        }
        let expected = relu.appendingPathComponent("forward/expected-out.npy")
        try (Tensor(npyFile: expected) * 2).writeNPY(to: expected)

        var grader = try Self.grader.get()
        grader.fixtureSets.append(.directory(hidden, kind: "hidden"))
        let report = try grader.grade(try StaffSupport.folder(["ReLU.swift": StaffSupport.correctReLU]))
        let checks = try Self.exercise("relu", in: report).checks
        let forward = try #require(checks.first { $0.id == "forward" })
        #expect(forward.status == .failed && forward.points == 0)
        #expect(forward.fixtureSet == "hidden 'tampered'")
        #expect(report.text().contains("on the hidden 'tampered' fixtures"))
        #expect(checks.filter { $0.id != "forward" }.allSatisfy { $0.status == .passed })
    }

    @Test("a hidden set the reference does not pass is refused before anyone is graded, naming the check and case")
    func corruptedHiddenSetIsRefused() throws {
        // A hidden set whose ReLU forward case has an expected output of the wrong shape.
        let hidden = try StaffSupport.folder([:], named: "corrupted")
        let relu = hidden.appendingPathComponent("relu")
        try FileManager.default.createDirectory(at: relu, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: StaffSupport.workspace.assignments.appendingPathComponent("02-relu/fixtures/forward"),
                                         to: relu.appendingPathComponent("forward"))
        let expected = relu.appendingPathComponent("forward/expected-out.npy")
        try Tensor(npyFile: expected).reshaped([-1]).writeNPY(to: expected)
        #expect { try StaffSupport.grader(hidden: [hidden]) } throws: { error in
            let text = "\(error)"
            return text.contains("the reference solutions do not pass the hidden 'corrupted' fixtures")
                && text.contains("relu/forward (the set's relu cases: forward): out has shape")
        }
    }

    @Test("the fresh fixtures are the same for the same seed and differ for another")
    func freshFixturesFollowTheSeed() throws {
        let grader = try Self.grader.get()
        let reference = WorkerConfiguration(executable: grader.staging.workspace.workerExecutable("solutions"))
        let first = try FixtureGenerator(reference: reference, seed: 7).cases(of: [.affine])
        let again = try FixtureGenerator(reference: reference, seed: 7).cases(of: [.affine])
        let other = try FixtureGenerator(reference: reference, seed: 8).cases(of: [.affine])
        #expect(first == again)
        #expect(first["affine"]?["forward"]?.request.tensors["x"] != other["affine"]?["forward"]?.request.tensors["x"])
        #expect(first["affine"]?["forward"]?.expectedTensors["out"] != other["affine"]?["forward"]?.expectedTensors["out"])
    }

    @Test("the fresh set holds a second draw of every case, which each check must pass too")
    func freshSetDrawsEveryCaseTwice() throws {
        let grader = try Self.grader.get()
        let fresh = try #require(grader.fixtureSets.first { $0.name.hasPrefix("fresh") })
        let affine = try #require(grader.course.exercises.first { $0.name == "affine" })
        let variants = try fresh.variants(for: affine, assignments: grader.workspace.assignments)
        let recipes = Set(ExerciseChecks.affine.fixtureRecipes.map(\.name))
        #expect(variants.map(\.name) == [fresh.name, "\(fresh.name), cases @2"])
        #expect(Set(variants[0].fixtures.keys) == recipes)
        #expect(variants[1].replaced == recipes)
        for name in recipes {
            #expect(variants[1].fixtures[name]?.request.tensors != variants[0].fixtures[name]?.request.tensors)
        }
    }

    @Test("a hang and a trap cost only the checks they happen in")
    func hostileCodeCostsOnlyItsOwnChecks() throws {
        var grader = try Self.grader.get()
        grader.timeout = 2
        let report = try grader.grade(try StaffSupport.folder(
            ["ReLU.swift": StaffSupport.hangingReLU, "Affine.swift": StaffSupport.trappingAffine]))
        let relu = try Self.exercise("relu", in: report).checks
        #expect(relu.first { $0.id == "forward" }?.status == .passed)
        #expect(relu.first { $0.id == "backward" }?.status == .timedOut)
        let affine = try Self.exercise("affine", in: report).checks
        #expect(affine.first { $0.id == "forward" }?.status == .crashed)
        #expect(affine.first { $0.id == "forward" }?.problem?.contains("Index out of range") == true)
        #expect(try Self.exercise("batchnorm", in: report).status == .notStarted)
    }

    @Test("a crash names the student's line: in TensorKit, in the standard library, in a given helper; a stub is still 'not started'")
    func crashesNameTheStudentsLine() throws {
        let grader = try Self.grader.get()
        let report = try grader.grade(try StaffSupport.folder(
            ["Affine.swift": StaffSupport.shapeCrashingAffine, "ReLU.swift": StaffSupport.indexCrashingReLU,
             "TwoLayerNet.swift": StaffSupport.helperCrashingTwoLayerNet]))
        func problem(_ exercise: String, _ check: String) throws -> String? {
            try #require(try Self.exercise(exercise, in: report).checks.first { $0.id == check }).problem
        }
        #expect(try problem("affine", "forward")
                == "crashed: matmul: needs two 2-d tensors, got shapes (2, 4, 5, 6) and (120, 3) (at Sources/Exercises/Affine.swift:8 in Affine.forward)")
        #expect(try problem("relu", "backward") == "crashed: Index out of range (at Sources/Exercises/ReLU.swift:10 in ReLU.backward)")
        #expect(try problem("two-layer-net", "loss")
                == "crashed: softmaxLoss: 5 labels for 4 rows of scores (4, 5); need one label per row (at Sources/Exercises/TwoLayerNet.swift:26 in TwoLayerNet.dataLoss ← TwoLayerNet.loss)")
        let batchnorm = try Self.exercise("batchnorm", in: report)
        #expect(batchnorm.status == .notStarted)
        #expect(batchnorm.checks.first?.problem?.hasPrefix("not started: batchnorm ") == true)
    }

    @Test("Gradescope's results.json: the total score, and a test per check with score, max_score, status, name, output")
    func gradescopeResults() throws {
        let grader = try Self.grader.get()
        let report = try grader.grade(try StaffSupport.folder(["ReLU.swift": StaffSupport.correctReLU]))
        let json = try #require(try JSONSerialization.jsonObject(with: report.gradescope()) as? [String: Any])
        #expect(json["score"] as? Double == 5)
        #expect((json["output"] as? String)?.contains("Seed: 7") == true)
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.count == report.report.exercises.flatMap(\.checks).count)
        let forward = try #require(tests.first { $0["name"] as? String == "relu: forward pass matches the reference" })
        #expect(forward["score"] as? Double == 1 && forward["max_score"] as? Double == 1)
        #expect(forward["status"] as? String == "passed")
        let affine = try #require(tests.first { ($0["name"] as? String)?.hasPrefix("affine: ") == true })
        #expect(affine["status"] as? String == "failed" && affine["score"] as? Double == 0)
        #expect((affine["output"] as? String)?.contains("not started") == true)
    }
}
#endif
