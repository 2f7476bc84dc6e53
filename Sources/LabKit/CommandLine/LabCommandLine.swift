import Foundation

/// The `lab` command: parses the command line and runs `train` or `experiment`.
public enum LabCommandLine {
    static let help = """
    USAGE: lab <command> [options]

    Train the networks you built in Sources/Exercises, and run the course's experiments.

    COMMANDS:
      train                 train a network on a data set; writes its history and charts
      experiment NAME       run one of the course's experiments (lab experiment list)
      help [COMMAND]        show this help, or a command's

    Build with optimizations, or training is slow:  swift run -c release lab train
    """

    /// The `lab` executable: runs `train` and `experiment` under a ``Supervisor`` (a
    /// crash in the student's code ends in two lines), everything else directly.
    /// - Returns: the exit status, as ``run(_:implementations:console:)``'s.
    public static func main(_ arguments: [String], implementations: [any Implementation.Type]) -> Int32 {
        let command = arguments.first ?? "help"
        guard !Supervisor.isChild, ["train", "experiment"].contains(command),
              !arguments.contains("--help"), !arguments.contains("-h") else {
            return run(arguments, implementations: implementations)
        }
        let needs = command == "train"
            ? (try? Arguments(Array(arguments.dropFirst()), command: TrainCommand.name, options: TrainCommand.options,
                              flags: TrainCommand.flags)).map(TrainCommand.needs) : nil
        return Supervisor.run(arguments, command: "lab \(command)", needs: needs, console: .standard)
    }

    /// Runs `lab` with `arguments` (without the program name) and returns its exit
    /// status: 0 on success, 1 when the work failed (missing data, a diverging loss),
    /// 2 for a command line that does not make sense.
    /// - Parameters:
    ///   - implementations: the implementations `--impl` can choose from; the first is
    ///     the default.
    public static func run(_ arguments: [String], implementations: [any Implementation.Type],
                           console: Console = .standard) -> Int32 {
        let command = arguments.first ?? "help"
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "train":
                let parsed = try Arguments(rest, command: TrainCommand.name, options: TrainCommand.options, flags: TrainCommand.flags)
                if parsed.has("help") { console.print(TrainCommand.help); return 0 }
                return try TrainCommand.run(parsed, implementation: try choose(parsed, implementations), console: console)
            case "experiment":
                let parsed = try Arguments(rest, command: ExperimentCommand.name, options: ExperimentCommand.options, flags: ExperimentCommand.flags)
                if parsed.has("help") { console.print(ExperimentCommand.help); return 0 }
                return try ExperimentCommand.run(parsed, implementation: try choose(parsed, implementations), console: console)
            case "help", "--help", "-h":
                switch rest.first {
                case "train": console.print(TrainCommand.help)
                case "experiment": console.print(ExperimentCommand.help)
                default: console.print(help)
                }
                return 0
            default:
                throw UsageError("unknown command '\(command)'", command: "lab")
            }
        } catch let error as UsageError {
            console.error(error.description)
            return 2
        } catch {
            console.error("error: \(error)")
            return 1
        }
    }

    /// The implementation `--impl` names, or the first one.
    static func choose(_ arguments: Arguments, _ implementations: [any Implementation.Type]) throws(UsageError) -> any Implementation.Type {
        let names = implementations.map { $0.name }
        if arguments.string("impl") == "solutions", !names.contains("solutions") {
            throw UsageError("this edition has no reference implementation (Sources/Solutions); use --impl student", command: arguments.command)
        }
        let chosen = try arguments.choice("impl", from: names, default: names[0])
        return implementations.first { $0.name == chosen }!
    }
}
