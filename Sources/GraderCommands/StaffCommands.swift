import Foundation
import GraderKit
import StaffKit

/// The staff's commands: `grade`, `grade-all` and `export gradescope`.
extension GraderCLI {
    /// `grader grade SUBMISSION`: one student's report, printed (or as JSON with
    /// `--json`), and written to `--out`, `--junit` and `--gradescope` when asked.
    static func gradeSubmission(_ path: String, options: GraderArguments, workspace: Workspace, course: Course) throws -> Int32 {
        let grader = try staffGrader(options, workspace: workspace, course: course, seed: options.seed)
        let staff = try grader.grade(URL(fileURLWithPath: path))
        if options.json {
            FileHandle.standardOutput.write(try staff.json())
            print()
        } else {
            print(staff.text(style: TextStyle.automatic(noColorFlag: options.noColor)))
        }
        if let out = options.outputDirectory {
            try ClassGrading(grader: grader, submissions: URL(fileURLWithPath: path), output: URL(fileURLWithPath: out))
                .writeReport(staff)
        }
        if let file = options.junitFile {
            try MachineReports.junit(staff.escapingSubmissionText().report).write(toFile: file, atomically: true, encoding: .utf8)
        }
        if let file = options.gradescopeFile {
            let results = try staff.gradescope(showOutput: options.showOutput,
                                               redacting: [grader.staging.folder.path, workspace.root.path])
            try ClassGrading.writeAtomically(results, to: URL(fileURLWithPath: file))
        }
        if staff.refused != nil || staff.report.exercises.flatMap(\.checks).contains(where: { $0.status == .error }) { return 2 }
        return staff.report.allPassed ? 0 : 1
    }

    /// `grader grade-all DIR`: every submission's report, scores.csv and summary.md.
    static func gradeClass(_ path: String, options: GraderArguments, workspace: Workspace, course: Course) throws -> Int32 {
        let submissions = URL(fileURLWithPath: path).standardizedFileURL
        let output = options.outputDirectory.map { URL(fileURLWithPath: $0) }
            ?? submissions.deletingLastPathComponent().appendingPathComponent(submissions.lastPathComponent + "-grades")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        // One seed for the whole class, kept so that a resumed run grades the rest alike.
        let seedFile = output.appendingPathComponent("seed.txt")
        let kept = (try? String(contentsOf: seedFile, encoding: .utf8)).flatMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let seed = options.seed ?? kept ?? StaffGrader.randomSeed()
        try ClassGrading.writeAtomically(Data("\(seed)\n".utf8), to: seedFile)

        let grader = try staffGrader(options, workspace: workspace, course: course, seed: seed)
        let grading = ClassGrading(grader: grader, submissions: submissions, output: output,
                                   force: options.force, jobs: options.jobs)
        let started = Date()
        let reports = try grading.run { printError($0) }
        let total = Date().timeIntervalSince(started)
        printError(String(format: "Graded in %.0f s. Reports, scores.csv and summary.md are in %@.", total, output.path))
        return reports.isEmpty ? 1 : 0
    }

    /// `grader export gradescope OUT.zip`.
    static func exportGradescope(_ path: String, options: GraderArguments, workspace: Workspace, course: Course) throws -> Int32 {
        var export = GradescopeExport(workspace: workspace, hidden: options.hidden.map { URL(fileURLWithPath: $0) },
                                      swiftVersion: try GradescopeExport.installedSwiftVersion())
        // A hidden set the reference does not pass would be blamed on every student.
        if !export.hidden.isEmpty {
            try export.hidden.forEach(FixtureSet.checkLayout)
            if !options.noBuild, let errors = workspace.buildWorker("solutions") {
                throw SubmissionError("the reference solutions do not build, so the hidden sets cannot be checked:\n\(errors)")
            }
            let reference = WorkerConfiguration(executable: workspace.workerExecutable("solutions"), timeout: 60)
            for set in export.hidden {
                try StaffGrader.checkWithReference(.directory(set, kind: "hidden"), complete: false, reference: reference,
                                                   course: course, assignments: workspace.assignments)
            }
        }
        export.gradeOptions = ["--budget", String(options.budget)] + (options.showOutput ? ["--show-output"] : [])
        for text in options.toolchainPins {
            let (platform, sha256) = try ToolchainPin.parse(text)
            export.toolchainPins[platform] = sha256
        }
        for path in options.toolchainArchives {
            let (platform, sha256) = try ToolchainPin.pin(archive: URL(fileURLWithPath: path), version: export.swiftVersion)
            export.toolchainPins[platform] = sha256
            print("Pinned the \(platform) toolchain: SHA-256 \(sha256)")
        }
        try export.write(to: URL(fileURLWithPath: path))
        let sets = options.hidden.count == 1 ? "1 hidden fixture set" : "\(options.hidden.count) hidden fixture sets"
        print("Wrote \(path): the course, \(sets), setup.sh for Swift \(export.swiftVersion) and run_autograder.")
        print("Upload it on Gradescope: the assignment's Configure Autograder page (see docs/staff-guide.md).")
        return 0
    }

    /// The staff grader the options describe, with the staging area up to date.
    static func staffGrader(_ options: GraderArguments, workspace: Workspace, course: Course, seed: UInt64?) throws -> StaffGrader {
        let buildFolder = options.buildDirectory.map { URL(fileURLWithPath: $0) }
            ?? workspace.root.appendingPathComponent(".build-grading")
        printError("Preparing the staging area in \(buildFolder.path) (the first time builds the course: a few minutes)…")
        var grader = try StaffGrader.prepare(
            workspace: workspace, course: course, buildFolder: buildFolder, seed: seed ?? StaffGrader.randomSeed(),
            primary: options.fixtures.map { FixtureSet.directory(URL(fileURLWithPath: $0), kind: "fixtures") } ?? .published,
            hidden: options.hidden.map { URL(fileURLWithPath: $0) }, fresh: !options.noFresh, timeout: options.timeout)
        grader.budget = options.budget
        return grader
    }
}

extension StaffGrader {
    /// A seed for fresh fixtures nobody has seen, short enough to type in `--seed`.
    public static func randomSeed() -> UInt64 { UInt64.random(in: 1...999_999_999) }
}
