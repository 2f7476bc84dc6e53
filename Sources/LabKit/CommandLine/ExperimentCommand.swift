import Foundation

/// `lab experiment NAME`: runs one of the course's experiments (or all of them) and
/// writes its report and charts.
enum ExperimentCommand {
    static let name = "lab experiment"
    static let options: Set<String> = DataOptions.names.union(["impl", "seed", "out"])
    static let flags: Set<String> = ["tiny"]

    static var help: String {
        """
        USAGE: lab experiment NAME [options]
               lab experiment list

        Runs one of the course's experiments and writes NAME.md (what the course
        claims, the numbers of this run, and whether they show it) and NAME-*.svg
        (the charts) into --out. NAME is one of the experiments below, or all.

        \(Experiment.allCases.map { "  " + $0.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n"))

        Options:
          --impl NAME           student (default) or solutions
          --tiny                shrink data, widths and epochs so it takes seconds (the
                                numbers then mean little; for tests and trying things out)
          --seed N              seeds initial weights and example order (default 0)
          --out DIR             where to write (default lab-runs/experiments)
        \(DataOptions.help)
        """
    }

    static func run(_ arguments: Arguments, implementation: any Implementation.Type,
                    console: Console) throws -> Int32 {
        guard let which = arguments.positionals.first, arguments.positionals.count == 1 else {
            throw UsageError("expected one experiment name (or list, or all)", command: name)
        }
        if which == "list" {
            for experiment in Experiment.allCases {
                console.print(experiment.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0) + experiment.summary)
            }
            return 0
        }
        let experiments = which == "all" ? Experiment.allCases : try Experiment(rawValue: which).map { [$0] }
            ?? { throw UsageError("unknown experiment '\(which)'; run 'lab experiment list'", command: name) }()
        let seed = UInt64(try arguments.int("seed", default: 0, minimum: 0))
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
