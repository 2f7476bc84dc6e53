import CommandLineKit
import Foundation

/// `lab experiment NAME`: runs one of the course's experiments (or all of them) and
/// writes its report and charts.
enum ExperimentCommand {
    static let name = "lab experiment"
    /// What `lab experiment --help` says under its usage line: what it writes, and the
    /// experiments.
    static var discussion: String {
        """
        Runs one of the course's experiments and writes NAME.md (what the course
        claims, the numbers of this run, and whether they show it) and NAME-*.svg
        (the charts) into --out. NAME is one of the experiments below, or all;
        lab experiment list lists them.

        \(listing.map { "  " + $0 }.joined(separator: "\n"))
        """
    }

    /// A line per experiment: its name and what it shows.
    static var listing: [String] {
        Experiment.allCases.map { $0.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0) + $0.summary }
    }

    static func run(_ arguments: ParsedCommandLine, implementation: any Implementation.Type,
                    console: Console) throws -> Int32 {
        guard let which = arguments.positionals.first, arguments.positionals.count == 1 else {
            throw UsageError("expected one experiment name (or list, or all)", command: name)
        }
        if which == "list" {
            listing.forEach(console.print)
            return 0
        }
        let experiments = which == "all" ? Experiment.allCases : try Experiment(rawValue: which).map { [$0] }
            ?? { throw UsageError("unknown experiment '\(which)'; run 'lab experiment list'", command: name) }()
        let seed = arguments.wholeNumber("seed") ?? 0
        let data = try DataOptions.load(arguments, seed: seed, environment: console.environment)
        let out = URL(fileURLWithPath: arguments.string("out") ?? "lab-runs/experiments")
        let context = ExperimentContext(trainer: Trainer(implementation), dataset: data,
                                        tiny: arguments.has("tiny"), seed: seed, log: console.print)
        for experiment in experiments {
            console.print("\(experiment.rawValue): \(experiment.summary)")
            let start = Date()
            let report = experiment.run(context)
            let files = try report.write(to: out)
            console.print(report.verdict.replacingOccurrences(of: "**", with: ""))
            for check in report.checks { console.print("  \(check.holds ? "✓" : "✗") \(check.statement)") }
            console.print("wrote \(files.last!.path) and \(files.count - 1) charts (\(String(format: "%.1f", Date().timeIntervalSince(start)))s)")
        }
        return 0
    }
}
