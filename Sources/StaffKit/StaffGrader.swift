import Foundation
import GraderKit

/// Grades submissions the way course staff do: each is built in the staging area
/// from the shipped stubs overlaid with the student's files, and judged against the
/// public fixtures, fresh ones drawn from a seed the student never saw, and any
/// hidden sets, a check earning its points only when it passes on all of them.
///
/// Grading is two steps, ``build(_:student:)`` then ``judge(_:)``,
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
    /// The hidden sets' folders (fingerprinted with the course).
    public var hidden: [URL] = []
    /// The course's files as they were when grading started; checked before each build.
    public var fingerprint: CourseFingerprint
    /// Signs the reports written, and checks the reports a resumed run finds.
    public var seal: ReportSeal
    /// Seconds of wall-clock time judging one submission may take (`--budget`), handed
    /// to the judge (`Judge.budget`).
    public var budget: Double = Judge.defaultBudget

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
        let stubs = try staging.stubs()
        // The course's modules are built once here, within the course's time limit, so
        // that a submission's build (limited per file) costs only its own files.
        if let errors = try staging.buildWorker([:], stubs: stubs).buildError {
            throw SubmissionError("the shipped stubs do not build in the staging area \(staging.folder.path):\n\(errors)")
        }
        var sets = [primary]
        let hiddenSets = hidden.map { FixtureSet.directory($0, kind: "hidden") }
        // A set the staff brought (hidden, or --fixtures) is checked with the reference
        // before anyone is graded with it: a corrupted expected value must not be
        // blamed on students.
        let brought = hiddenSets + (primary.name == FixtureSet.published.name ? [] : [primary])
        if fresh || !brought.isEmpty {
            var executable = reference
            var copy: URL?
            if executable == nil {
                if let errors = staging.workspace.buildWorker("solutions") {
                    throw SubmissionError("the reference solutions do not build, so there are no fresh fixtures and the fixture sets cannot be checked:\n\(errors)")
                }
                copy = try staging.keepWorker(staging.workspace.workerExecutable("solutions"))
                executable = copy
            }
            defer { copy.map(staging.discardWorker) }
            let worker = WorkerConfiguration(executable: executable!, timeout: 60)
            for set in brought {
                try checkWithReference(set, complete: set.name == primary.name, reference: worker, course: course,
                                       assignments: workspace.assignments)
            }
            if fresh {
                let generator = FixtureGenerator(reference: worker, seed: seed, draws: FixtureGenerator.staffDraws)
                let cases = try generator.cases(of: course.enabledExercises.compactMap { Judge.catalogByName[$0.name] })
                sets.append(FixtureSet(name: "fresh (seed \(seed))", source: .cases(cases)))
            }
        }
        sets += hiddenSets
        return StaffGrader(course: course, workspace: workspace, staging: staging, seed: seed, fixtureSets: sets,
                           timeout: timeout, stubs: stubs, hidden: hidden,
                           fingerprint: try CourseFingerprint.take(of: staging, hidden: hidden),
                           seal: try ReportSeal.load(orCreateIn: staging.folder))
    }

    /// Grades the reference on `set` and refuses the set if the reference loses a point
    /// on it, naming the exercise, the check and what differed (the case is in the
    /// message: `reference (fixture 'forward')`).
    /// - Parameter complete: whether the set holds every case (the primary set); a
    ///   hidden set may hold some, the public cases stand in for the rest.
    public static func checkWithReference(_ set: FixtureSet, complete: Bool, reference: WorkerConfiguration, course: Course,
                                   assignments: URL) throws {
        var judge = Judge(course: course, assignments: assignments, worker: reference, seed: Judge.signatureSeed)
        judge.fixtureSets = complete ? [set] : [.published, set]
        var failures: [String] = []
        for exercise in judge.grade(nil, implementation: "solutions").exercises {
            let cases = (try? course.exercises.first { $0.name == exercise.name }
                .map { try set.cases(for: $0, assignments: assignments) })??.keys.sorted() ?? []
            for check in exercise.checks where check.status != .passed {
                var what = check.problem ?? check.status.rawValue
                if let failure = check.failure {
                    what = failure.message
                    if let comparison = failure.comparison { what += " (\(TextReport.describe(comparison)))" }
                }
                failures.append("\(exercise.name)/\(check.id) (the set's \(exercise.name) cases: \(cases.joined(separator: ", "))): \(what)")
            }
        }
        guard failures.isEmpty else {
            throw SubmissionError("the reference solutions do not pass the \(set.name) fixtures, so they cannot grade students; "
                + "fix or regenerate the set (`grader fixtures --hidden`):\n  " + failures.prefix(10).joined(separator: "\n  ")
                + (failures.count > 10 ? "\n  … \(failures.count - 10) more" : ""))
        }
    }

    /// Checks the course's files against ``fingerprint`` before a build. A changed stage
    /// is restored from the checkout.
    /// - Returns: what was found and restored, for the report (empty when nothing changed).
    /// - Throws: when the checkout or a hidden set changed: grading cannot go on.
    public func verifyCourse() throws -> [String] {
        let changes = try CourseFingerprint.take(of: staging, hidden: hidden).changes(since: fingerprint)
        guard !changes.isEmpty else { return [] }
        let outside = changes.filter { !$0.hasPrefix("stage/") }
        if !outside.isEmpty {
            throw SubmissionError("the course's files changed since grading started, so grading stops: "
                + outside.prefix(5).joined(separator: ", ") + (outside.count > 5 ? ", …" : "")
                + ". Check the checkout and the hidden sets, then grade again.")
        }
        try staging.synchronize()
        let left = try CourseFingerprint.take(of: staging, hidden: hidden).changes(since: fingerprint)
        guard left.isEmpty else {
            throw SubmissionError("the course's sources in the checkout changed since grading started, so grading stops: "
                + left.prefix(5).map { String($0.dropFirst("stage/".count)) }.joined(separator: ", ")
                + (left.count > 5 ? ", …" : "") + ". Grade again once they are as they should be.")
        }
        return ["The staging area had been changed since grading started (\(changes.prefix(5).map { String($0.dropFirst("stage/".count)) }.joined(separator: ", "))\(changes.count > 5 ? ", …" : "")); it was restored from the course before this submission was built."]
    }

    /// A submission read and built, ready to be judged.
    public struct Built: Sendable {
        public var student: String
        public var submission: Submission?
        public var build: StagedBuild?
        /// Why it cannot be graded, if so.
        public var refused: String?
        /// What was found wrong with the course's files before the build, and restored.
        public var notices: [String] = []
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
        // Private to the grader: another submission's worker cannot read it meanwhile.
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        let names = Set(stubs.keys)
        try SubmissionArchive.unpack(url, into: folder) { path in
            let name = String(path.split(separator: "/").last ?? "")
            return names.contains(name) || name.lowercased() == "answers.md"
        }
        return try Submission.read(folder, student: student, stubNames: Set(stubs.keys))
    }

    /// Checks the course's files, reads a submission and builds its worker in the stage,
    /// then copies the worker out of the stage (``StagingArea/keepWorker(_:)``), so that
    /// the next build may replace the stage's while this one is judged.
    /// - Throws: when the course's files changed (``verifyCourse()``).
    public func build(_ url: URL, student: String? = nil) throws -> Built {
        let started = Date()
        let student = student ?? StaffGrader.student(of: url)
        var built = Built(student: student, started: started)
        built.notices = try verifyCourse()
        do {
            let submission = try read(url, student: student)
            built.submission = submission
            var build = try staging.buildWorker(submission.exerciseFiles, stubs: stubs)
            if let worker = build.worker {
                build.worker = try staging.keepWorker(worker)
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

    /// Judges a built submission, then removes its worker.
    /// - Parameters:
    ///   - user: the user id its workers run as when the grader is root (`nil`: `nobody`).
    ///   - everyCore: whether the judging may use every core: exercises graded at once
    ///     (`Judge.parallelExercises`) and frames shared by several workers
    ///     (`WorkerConfiguration.lanes`). `grade-all --jobs N` turns it off for N > 1,
    ///     when the cores are busy judging other submissions.
    public func judge(_ built: Built, user: UInt32? = nil, everyCore: Bool = true) -> StaffReport {
        defer { built.build?.worker.map(staging.discardWorker) }
        let failures = built.build?.compileFailures ?? []
        var report: Report
        if let worker = built.build?.worker, built.refused == nil {
            var configuration = WorkerConfiguration(executable: worker, timeout: timeout, user: user)
            configuration.lanes = everyCore ? configuration.lanes : 1
            var judge = Judge(course: course, assignments: workspace.assignments, worker: configuration, seed: seed)
            judge.parallelExercises = everyCore ? judge.parallelExercises : 1
            judge.fixtureSets = fixtureSets
            judge.budget = budget
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
                           refused: built.refused, seconds: Date().timeIntervalSince(built.started),
                           notices: built.notices.isEmpty ? nil : built.notices,
                           lookalikes: built.submission.map(\.lookalikes).flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Reads, builds and judges one submission.
    /// - Throws: when the course's files changed (``verifyCourse()``).
    public func grade(_ url: URL, student: String? = nil) throws -> StaffReport {
        judge(try build(url, student: student))
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
