import CommandLineKit
import Foundation
import GraderKit
import StaffKit
import TensorKit
import WorkerKit

/// What `grader` does with its command line. Returns the exit status.
public enum GraderCLI {
    public static func main(_ arguments: [String]) -> Int32 {
        let options: GraderArguments
        do { options = try GraderArguments.parse(Array(arguments.dropFirst())) } catch {
            printError("grader: \(error)\nRun `\(error.command ?? "grader") --help` for usage.")
            return 2
        }
        if case .help(let command) = options.command {
            print(GraderArguments.help(for: command))
            return 0
        }
        do {
            return try run(options)
        } catch {
            printError("grader: \(error)")
            return 2
        }
    }

    static func run(_ options: GraderArguments) throws -> Int32 {
        let bin = Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let start = options.packagePath.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let workspace = try Workspace.find(from: start, binDirectory: bin)
        let course = try Course.load(from: workspace.courseFile, catalog: Judge.catalogByName)
        try requireAuthorEdition(options, workspace: workspace)
        let style = TextStyle.automatic(noColorFlag: options.noColor || options.json)

        switch options.command {
        case .help:
            return 0
        case .list:
            for e in course.exercises {
                let points = e.checks.values.reduce(0) { $0 + $1.points }
                print("\(TextReport.pad(e.name, 18)) \(TextReport.pad(Judge.catalogByName[e.name]?.title ?? "", 28)) \(TextReport.format(points)) points\(e.enabled ? "" : "  (disabled)")   assignments/\(e.folder)/")
            }
            return 0
        case .fixtures(let names):
            return try generateFixtures(names, options, workspace: workspace, course: course)
        case .mistakes:
            return try auditMistakes(options, workspace: workspace, course: course)
        case .release(let out):
            return try release(into: out, workspace: workspace, course: course)
        case .newExercise(let name):
            return try newExercise(name, options, workspace: workspace, course: course)
        case .grade(let submission):
            return try gradeSubmission(submission, options: options, workspace: workspace, course: course)
        case .gradeAll(let folder):
            return try gradeClass(folder, options: options, workspace: workspace, course: course)
        case .exportGradescope(let archive):
            return try exportGradescope(archive, options: options, workspace: workspace, course: course)
        case .summary, .check:
            let names = try selectedNames(options, course: course)
            if !options.noBuild, let errors = workspace.buildWorker(options.implementation) {
                printError(buildFailure(errors))
                return 2
            }
            let report = judge(options, workspace: workspace, course: course).grade(names, implementation: options.implementation)
            return try publish(report, options: options, style: style, detailed: names)
        case .watch(let names):
            let chosen = names.isEmpty ? nil : try selectedNames(GraderArguments(command: .check(names)), course: course)
            Watcher(directory: workspace.root.appendingPathComponent("Sources/Exercises")).run {
                print("\u{1B}[2J\u{1B}[H", terminator: "")
                if !options.noBuild, let errors = workspace.buildWorker(options.implementation) {
                    print(buildFailure(errors))
                } else {
                    let report = judge(options, workspace: workspace, course: course).grade(chosen, implementation: options.implementation)
                    print(TextReport.render(report, style: style, detailed: chosen))
                }
                print(style.dim("\nWatching Sources/Exercises for changes (Ctrl-C to stop)…"))
            }
        }
    }

    static func judge(_ options: GraderArguments, workspace: Workspace, course: Course) -> Judge {
        Judge(course: course, assignments: workspace.assignments,
              fixturesOverride: options.fixtures.map { URL(fileURLWithPath: $0) },
              worker: WorkerConfiguration(executable: workspace.workerExecutable(options.implementation),
                                          timeout: options.timeout),
              seed: options.seed ?? 231)
    }

    /// The exercise names of a `check` command, validated; `nil` (all) otherwise.
    static func selectedNames(_ options: GraderArguments, course: Course) throws(UsageError) -> [String]? {
        guard case .check(let names) = options.command else { return nil }
        let known = course.exercises.map(\.name)
        for name in names where !known.contains(name) {
            let suggestion = closestName(to: name, among: known).map { "; did you mean '\($0)'?" } ?? " (see `grader list`)"
            throw UsageError("no exercise '\(name)'\(suggestion)")
        }
        return names
    }

    static func buildFailure(_ errors: String) -> String {
        "Your code does not compile yet. The compiler says:\n\n"
            + errors.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            + "\n\nFix these (only files in Sources/Exercises are yours to edit), then run the grader again."
    }

    /// Prints or writes the report in every format asked for; returns the exit status.
    static func publish(_ report: Report, options: GraderArguments, style: TextStyle, detailed: [String]?) throws -> Int32 {
        if options.json {
            FileHandle.standardOutput.write(try MachineReports.json(report))
            print()
        } else {
            print(TextReport.render(report, style: style, detailed: detailed))
        }
        if let file = options.junitFile {
            try MachineReports.junit(report).write(toFile: file, atomically: true, encoding: .utf8)
        }
        if let file = options.gradescopeFile {
            try MachineReports.gradescope(report).write(to: URL(fileURLWithPath: file), options: .atomic)
        }
        let checks = report.exercises.flatMap(\.checks)
        if checks.contains(where: { $0.status == .error }) { return 2 }
        return report.allPassed ? 0 : 1
    }
}

extension GraderCLI {
    /// `grader mistakes`: grades every catalogued mistake and prints the audit table;
    /// with `--write`, stores the signatures under assignments/<exercise>/mistakes.
    static func auditMistakes(_ options: GraderArguments, workspace: Workspace, course: Course) throws -> Int32 {
        let product = "grader-worker-mistakes"
        if !options.noBuild, let errors = workspace.buildProduct(product) {
            printError("grader: the mistake catalogue does not build (it is not part of the student edition):\n\(errors)")
            return 2
        }
        if !options.noBuild, let errors = workspace.buildWorker("solutions") {
            printError("grader: the reference solutions do not build:\n\(errors)")
            return 2
        }
        // Signatures are recorded where a failure is named: the public fixtures at the
        // signature seed (see Judge+Diagnosis.swift), whatever --seed says.
        var signatureJudge = judge(options, workspace: workspace, course: course)
        signatureJudge.seed = Judge.signatureSeed
        let audit = MistakeAudit(judge: signatureJudge, worker: workspace.binDirectory.appendingPathComponent(product),
                                 reference: workspace.workerExecutable("solutions"))
        let (rows, signatures) = audit.run(try MistakeAudit.catalogue(worker: audit.worker))
        if options.json {
            FileHandle.standardOutput.write(try MistakeAudit.json(rows))
        } else {
            print(MistakeAudit.table(rows))
        }
        if options.write {
            for entry in course.exercises {
                let directory = workspace.assignments.appendingPathComponent(entry.folder).appendingPathComponent("mistakes")
                try? FileManager.default.removeItem(at: directory)
                for signature in signatures[entry.name] ?? [] where !signature.observations.isEmpty {
                    try MistakeStore.write(signature, to: directory)
                }
            }
            printError("Wrote the signatures of \(signatures.values.joined().count) mistakes.")
        }
        return rows.allSatisfy { $0.caught && $0.named } ? 0 : 1
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
