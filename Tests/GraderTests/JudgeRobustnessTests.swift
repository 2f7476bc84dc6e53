import Foundation
import Testing
import TensorKit
import WorkerKit
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
        return judge.grade(["relu", "affine", "batchnorm", "layernorm", "groupnorm", "dropout", "spatial-batchnorm"],
                           implementation: "student")
    }()

    /// A judge of FaultyWorker with more worker arguments and a time limit.
    static func judge(arguments: [String] = [], timeout: Double = 1) throws -> Judge {
        let worker = try BuiltProducts.require("FaultyWorker")
        let assignments = BuiltProducts.checkout.appendingPathComponent("assignments")
        let course = try Course.load(from: assignments.appendingPathComponent("course.json"), catalog: Judge.catalogByName)
        return Judge(course: course, assignments: assignments,
                     worker: WorkerConfiguration(executable: worker, arguments: arguments, timeout: timeout))
    }

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
        // FaultyWorker has no student code (nothing in Sources/Exercises): the location
        // is where the runtime stopped, the standard library's bounds check.
        #expect(problem.hasPrefix("crashed: Index out of range (at Swift/"))
    }

    @Test("shapes that do not broadcast: the crash also says which axis the smaller shape matches, on its own line")
    func broadcastCrashIsExplained() throws {
        let spatial = try exercise("spatial-batchnorm")
        let check = try #require(spatial.checks.first)
        #expect(check.status == .crashed)
        let problem = try #require(check.problem)
        #expect(problem.hasPrefix("crashed: cannot broadcast shapes (2, 3, 4, 5) and (3,)"), "\(problem)")
        #expect(problem.contains("\nWhat the shapes say: (3,) lines up with the last axis of (2, 3, 4, 5)"), "\(problem)")
        let details = TextReport.details(spatial, style: TextStyle(colors: false))
        #expect(details.contains("      What the shapes say: (3,) lines up with the last axis of (2, 3, 4, 5) (broadcasting matches shapes from the right), but it matches axis 1: to broadcast along axis 1 it needs shape (1, 3, 1, 1), by a reshape, or by keepDims on the sum or mean that made it."))
        #expect(TextReport.summary(spatial)?.contains("\n") == false)
    }

    @Test("a hang is a time-out, and the exercise's other checks are not run")
    func hangIsTimeout() throws {
        let batchnorm = try exercise("batchnorm")
        #expect(batchnorm.status == .crashed)
        #expect(batchnorm.checks.allSatisfy { $0.status == .timedOut })
        #expect(batchnorm.checks.first?.problem == "timed out after 1 s")
        #expect(batchnorm.checks.count > 1)
        for check in batchnorm.checks.dropFirst() {
            #expect(check.problem == "not run: an earlier check of this exercise timed out")
        }
    }

    @Test("graded two at once, each exercise of misbehaving code gets the verdict it gets one at a time, in course order")
    func exercisesAtOnceKeepTheirVerdicts() throws {
        var judge = try Self.judge()
        let exercises = ["relu", "affine", "batchnorm", "layernorm", "groupnorm", "dropout", "spatial-batchnorm"]
        judge.parallelExercises = 1
        let alone = judge.grade(exercises, implementation: "student")
        judge.parallelExercises = 2
        let together = judge.grade(exercises, implementation: "student")
        #expect(together.exercises.map(\.name) == alone.exercises.map(\.name))
        for (a, b) in zip(alone.exercises, together.exercises) {
            #expect(b.checks.map(\.status) == a.checks.map(\.status), "\(a.name): \(b.checks.map { $0.problem ?? "" })")
            #expect(b.checks.map(\.points) == a.checks.map(\.points), "\(a.name)")
        }
        #expect(together.output.contains("hello from relu forward"))
    }

    @Test("once the grading's time budget is spent, the remaining checks are not run")
    func budgetStopsTheGrading() throws {
        var judge = try Self.judge()
        judge.budget = 0.5
        judge.parallelExercises = 1
        let start = Date()
        // In course order batchnorm (which hangs) comes before layernorm; one exercise at
        // a time, layernorm starts after the budget is spent.
        let report = judge.grade(["batchnorm", "layernorm"], implementation: "student")
        // One check may run past the budget by at most its time limit.
        #expect(Date().timeIntervalSince(start) < 0.5 + 1 + 2)
        let layernorm = try #require(report.exercises.first { $0.name == "layernorm" })
        #expect(!layernorm.checks.isEmpty)
        #expect(layernorm.checks.allSatisfy {
            $0.status == .timedOut && $0.problem == "not run: the grading's time budget of 0.5 s was spent"
        })
    }

    @Test("state the student never stored is the student's failure, not a grader error")
    func missingStateIsTheStudentsFailure() throws {
        let judge = try Self.judge()
        let check = Check(id: "running", title: "reads the running mean") { context in
            _ = try context.output("runningMean", of: WorkerReply(tensors: ["out": Tensor(1)]))
            return .passed(nil)
        }
        let context = CheckContext(worker: WorkerProcess(judge.worker), fixtures: [:], threshold: 1e-7, seed: 1)
        let result = judge.run(check, points: 2, context: context)
        #expect(result.status == .failed)
        #expect(result.failure?.message == "your code returned no 'runningMean'")
    }

    @Test("an error reply forged by student code is the student's failure, not a grader error")
    func forgedErrorIsTheStudentsFailure() throws {
        let report = try Self.judge(arguments: ["--attack", "forge-error"]).grade(["relu"], implementation: "student")
        let relu = try #require(report.exercises.first)
        #expect(relu.status != .passed)
        #expect(!relu.checks.contains { $0.status == .error }, "\(relu.checks.map { "\($0.status): \($0.problem ?? "")" })")
    }

    @Test("a forged reply whose probe replies hold replies of their own is refused undecoded: a crash of the student's, not a grader error")
    func nestedProbeRepliesAreTheStudentsCrash() throws {
        let report = try Self.judge(arguments: ["--attack", "forge-nested-probes"]).grade(["relu"], implementation: "student")
        let relu = try #require(report.exercises.first)
        #expect(relu.points == 0)
        let problems = relu.checks.map { "\($0.status): \($0.problem ?? "")" }
        #expect(relu.checks.allSatisfy { $0.status == .crashed }, "\(problems)")
        #expect(relu.checks.first?.problem?.contains("a probe's reply holds replies of its own") == true, "\(problems)")
    }

    @Test("the worker's exit status reaches the judge through the launcher, isolated or not", arguments: [true, false])
    func exitStatusIsRelayed(isolated: Bool) throws {
        let (result, _, _) = try HostileWorker(attack: "exit-42", isolate: isolated).run()
        guard let reason = result.crashReason() else { return }
        #expect(reason == "the worker exited with status 42 in the middle of a request")
    }

    @Test("the report says which protections were in force")
    func reportCarriesTheSandbox() throws {
        let report = try #require(Self.report)
        let sandbox = try #require(report.sandbox)
        #expect(sandbox.enforced.contains(.resourceLimits))
        #expect(TextReport.render(report, style: TextStyle(colors: false)).contains("\n" + sandbox.summary))
        let json = String(decoding: try MachineReports.json(report), as: UTF8.self)
        #expect(json.contains("\"sandbox\""))
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
        #expect(dropout.checks.first?.problem == "not started: dropout forward(_:parameters:) still calls TODO")
    }

    @Test("a stub's worker exits right after reporting its TODO: no runtime message, no crash report")
    func stubCostsNoCrashReport() throws {
        let worker = WorkerProcess(try Self.judge().worker)
        try worker.start()
        let running = try #require(worker.lanes[0])
        let request = WorkerRequest("dropout.forward", tensors: ["x": Tensor.zeros([2, 3])],
                                    numbers: ["keepProbability": 0.5, "seed": 1], strings: ["mode": "train"])
        let deadline = Date().addingTimeInterval(5)
        #expect(running.send(WireCodec.frame(WireCodec.encode([request])), before: deadline) == .done)
        guard case .notStarted(exercise: "dropout", function: "forward(_:parameters:)") = running.receiveFrame(before: deadline) else {
            Issue.record("expected the TODO report")
            return
        }
        worker.lanes[0] = nil
        let end = running.end(grace: 2)
        let standardError = running.collectOutput().error
        #expect(end.status.flatMap { WaitStatus(raw: $0).exitCode } == 0, "raw wait status \(String(describing: end.status))")
        #expect(CrashAddresses.parse(standardError) == nil)
        #expect(!standardError.contains("Fatal error"))
    }

    @Test("what student code prints is collected, not mixed into the protocol")
    func printsAreCollected() throws {
        let report = try #require(Self.report)
        #expect(report.output.contains("hello from relu forward"))
    }
}
