import CommandLineKit
import Foundation

/// The `lab` command: parses the command line and runs `train` or `experiment`.
public enum LabCommandLine {
    /// The `lab` executable: runs `train` and `experiment` under a ``Supervisor`` (a
    /// crash in the student's code ends in two lines), everything else directly.
    /// - Returns: the exit status, as ``run(_:implementations:console:)``'s.
    public static func main(_ arguments: [String], implementations: [any Implementation.Type]) -> Int32 {
        guard !Supervisor.isChild, let parsed = try? tool.parse(arguments), !parsed.wantsHelp else {
            return run(arguments, implementations: implementations)
        }
        let needs = parsed.command == "train" ? TrainCommand.needs(parsed) : nil
        return Supervisor.run(arguments, command: "lab \(parsed.command)", needs: needs, console: .standard)
    }

    /// Runs `lab` with `arguments` (without the program name) and returns its exit
    /// status: 0 on success, 1 when the work failed (missing data, a diverging loss),
    /// 2 for a command line that does not make sense.
    /// - Parameters:
    ///   - implementations: the implementations `--impl` can choose from; the first is
    ///     the default.
    public static func run(_ arguments: [String], implementations: [any Implementation.Type],
                           console: Console = .standard) -> Int32 {
        do {
            let parsed = try tool.parse(arguments)
            if parsed.wantsHelp {
                console.print(tool.help(for: parsed.command))
                return 0
            }
            let implementation = try choose(parsed, implementations)
            switch parsed.command {
            case "train": return try TrainCommand.run(parsed, implementation: implementation, console: console)
            case "experiment": return try ExperimentCommand.run(parsed, implementation: implementation, console: console)
            default: throw UsageError("unknown command '\(parsed.command)'", command: "lab")
            }
        } catch let error as UsageError {
            console.error("error: \(error.message)\nRun '\(error.command ?? "lab") --help' for the options.")
            return 2
        } catch {
            console.error("error: \(error)")
            return 1
        }
    }

    /// The implementation `--impl` names, or the first one.
    static func choose(_ arguments: ParsedCommandLine, _ implementations: [any Implementation.Type]) throws(UsageError) -> any Implementation.Type {
        let chosen = arguments.string("impl") ?? implementations[0].name
        guard let implementation = implementations.first(where: { $0.name == chosen }) else {
            throw UsageError("this edition has no reference implementation (Sources/Solutions); use --impl student",
                             command: "lab \(arguments.command)")
        }
        return implementation
    }
}
