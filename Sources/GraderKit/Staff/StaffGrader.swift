import Foundation

/// Grades submissions the way course staff do: each is built in the staging area
/// from the shipped stubs overlaid with the student's files, and judged against the
/// public fixtures, fresh ones drawn from a seed the student never saw, and any
/// hidden sets, a check earning its points only when it passes on all of them.
///
/// Grading is two steps, ``build(_:student:keepingWorkerAt:)`` then ``judge(_:)``,
/// so that a class can be built one submission at a time (builds share the stage)
/// while earlier ones are judged.
public struct StaffGrader: Sendable {
    public var course: Course
    /// The course checkout.
    public var workspace: Workspace
    public var staging: StagingArea
    /// Seeds the fresh fixtures and the checks' own random inputs.
    public var seed: UInt64
    /// The sets every check must pass on: the public (or `--fixtures`) set first.
    public var fixtureSets: [FixtureSet]
    /// Seconds the student's code may take per request.
    public var timeout: Double
    /// The shipped stubs, by file name.
    public var stubs: [String: Data]

    /// Gets grading ready: brings the stage up to date, and when `fresh` builds the
    /// reference worker there and draws the fresh fixtures from `seed`.
    /// - Parameters:
    ///   - primary: the first set, complete (`.published`, or `--fixtures DIR`).
    ///   - hidden: more sets laid out as `DIR/<exercise>/<case>/`.
    ///   - reference: the worker serving the expected values of the fresh fixtures;
    ///     `nil` builds `grader-worker-solutions` in the stage.
    public static func prepare(workspace: Workspace, course: Course, buildFolder: URL, seed: UInt64,
                               primary: FixtureSet = .published, hidden: [URL] = [], fresh: Bool = true,
                               reference: URL? = nil, timeout: Double = 10) throws -> StaffGrader {
        try hidden.forEach(FixtureSet.checkLayout)
        let staging = StagingArea(course: workspace, folder: buildFolder)
        try staging.synchronize()
        var sets = [primary]
        if fresh {
            var executable = reference
            if executable == nil {
                if let errors = staging.workspace.buildWorker("solutions") {
                    throw SubmissionError("the reference solutions do not build, so there are no fresh fixtures (grade with --no-fresh to go without):\n\(errors)")
                }
                executable = staging.workspace.workerExecutable("solutions")
            }
            let generator = FixtureGenerator(reference: WorkerConfiguration(executable: executable!, timeout: 60), seed: seed)
            let cases = try generator.cases(of: course.enabledExercises.compactMap { Judge.catalogByName[$0.name] })
            sets.append(FixtureSet(name: "fresh (seed \(seed))", source: .cases(cases)))
        }
        sets += hidden.map { FixtureSet.directory($0, kind: "hidden") }
        return StaffGrader(course: course, workspace: workspace, staging: staging, seed: seed, fixtureSets: sets,
                           timeout: timeout, stubs: try staging.stubs())
    }

    /// A submission read and built, ready to be judged.
    public struct Built: Sendable {
        public var student: String
        public var submission: Submission?
        public var build: StagedBuild?
        /// Why it cannot be graded, if so.
        public var refused: String?
        var started: Date
    }

    /// The student's name for a submission: its folder's name, or its archive's
    /// without `.zip`.
    public static func student(of url: URL) -> String {
        url.pathExtension.lowercased() == "zip" ? url.deletingPathExtension().lastPathComponent : url.lastPathComponent
    }

    /// Reads a submission (unpacking a .zip into a temporary folder).
    public func read(_ url: URL, student: String) throws -> Submission {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw SubmissionError("no such file or folder: \(url.path)")
        }
        if isDirectory.boolValue {
            return try Submission.read(url, student: student, stubNames: Set(stubs.keys))
        }
        guard url.pathExtension.lowercased() == "zip" else {
            throw SubmissionError("a submission is a folder or a .zip archive, not \(url.lastPathComponent)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backproplab-submission-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SubmissionArchive.unpack(url, into: folder)
        return try Submission.read(folder, student: student, stubNames: Set(stubs.keys))
    }

    /// Reads a submission and builds its worker in the stage.
    /// - Parameter keepingWorkerAt: where to copy the worker, so that the next build
    ///   may replace the stage's while this one is judged; `nil` judges it in place.
    public func build(_ url: URL, student: String? = nil, keepingWorkerAt copy: URL? = nil) -> Built {
        let started = Date()
        let student = student ?? StaffGrader.student(of: url)
        var built = Built(student: student, started: started)
        do {
            let submission = try read(url, student: student)
            built.submission = submission
            var build = try staging.buildWorker(submission.exerciseFiles, stubs: stubs)
            if let copy, let worker = build.worker {
                try? FileManager.default.removeItem(at: copy)
                try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
                try WorkerProcess.spawning.withLock { try FileManager.default.copyItem(at: worker, to: copy) }
                build.worker = copy
            }
            built.build = build
            if let error = build.buildError {
                built.refused = "even the shipped stubs do not build in the staging area:\n\(error)"
            }
        } catch {
            built.refused = "\(error)"
        }
        return built
    }

    /// Judges a built submission.
    public func judge(_ built: Built) -> StaffReport {
        let failures = built.build?.compileFailures ?? []
        var report: Report
        if let worker = built.build?.worker, built.refused == nil {
            var judge = Judge(course: course, assignments: workspace.assignments,
                              worker: WorkerConfiguration(executable: worker, timeout: timeout), seed: seed)
            judge.fixtureSets = fixtureSets
            report = judge.grade(nil, implementation: "student")
            for failure in failures {
                for i in report.exercises.indices where failure.exercises.contains(report.exercises[i].name) {
                    for j in report.exercises[i].checks.indices {
                        report.exercises[i].checks[j].problem = "\(failure.file) did not compile; graded as the shipped stub"
                    }
                }
            }
        } else {
            report = notGraded(because: built.refused ?? "no worker was built")
        }
        return StaffReport(student: built.student, report: report, fixtureSets: fixtureSets.map(\.name),
                           files: built.submission?.exercisePaths ?? [:], ignored: built.submission?.ignored ?? [],
                           compileFailures: failures, answers: built.submission?.answers ?? [],
                           refused: built.refused, seconds: Date().timeIntervalSince(built.started))
    }

    /// Reads, builds and judges one submission.
    public func grade(_ url: URL, student: String? = nil) -> StaffReport {
        judge(build(url, student: student))
    }

    /// A report with no points: every check of every enabled exercise names why.
    func notGraded(because reason: String) -> Report {
        let exercises = course.exercises.compactMap { entry -> ExerciseResult? in
            guard let exercise = Judge.catalogByName[entry.name] else { return nil }
            let checks = exercise.checks.map { check in
                CheckResult(id: check.id, title: check.title, status: .error, points: 0,
                            maxPoints: entry.checks[check.id]?.points ?? 0, problem: "not graded: \(reason)")
            }
            return ExerciseResult(name: entry.name, title: exercise.title, stubFile: exercise.stubFile,
                                  handout: "assignments/\(entry.folder)/README.md",
                                  status: entry.enabled ? .crashed : .disabled, checks: entry.enabled ? checks : [])
        }
        return Report(implementation: "student", seed: seed, exercises: exercises, output: "")
    }
}
