/// The command line of `grader`, parsed.
public struct GraderArguments: Sendable, Hashable {
    public enum Command: Sendable, Hashable {
        /// `grader`: every exercise, as a table.
        case summary
        /// `grader check NAME…`: the named exercises in detail.
        case check([String])
        /// `grader list`: the exercises of the course.
        case list
        /// `grader watch [NAME…]`: re-grade on every save.
        case watch([String])
        /// `grader fixtures [NAME…]`: regenerate fixtures from the reference.
        case fixtures([String])
        /// `grader mistakes [--write]`: audit the mistake catalogue.
        case mistakes
        case help
    }

    public var command: Command = .summary
    public var json = false
    public var junitFile: String?
    public var gradescopeFile: String?
    /// `"student"` (the default) or `"solutions"`.
    public var implementation = "student"
    public var fixtures: String?
    public var timeout: Double = 10
    public var noColor = false
    /// Skip `swift build` of the worker (it is already built).
    public var noBuild = false
    public var packagePath: String?
    /// `grader fixtures --out DIR`: write there instead of assignments/*/fixtures.
    public var outputDirectory: String?
    /// The seed of fresh random inputs (invariant checks) or of `grader fixtures`.
    public var seed: UInt64?
    /// `grader mistakes --write`: write the signatures into assignments/*/mistakes.
    public var write = false

    public static let usage = """
        USAGE: grader [COMMAND] [OPTIONS]

        COMMANDS:
          (none)              grade every exercise: a table, points, and what to do next
          check NAME…         grade the named exercises and show every check in detail
          list                list the exercises of the course
          watch [NAME…]       grade again every time you save a file in Sources/Exercises
          fixtures [NAME…]    (authors) regenerate the fixtures from the reference solutions
          mistakes            (authors) grade every catalogued mistake: caught? named?
                              with --write, also store their signatures in assignments/

        OPTIONS:
          --json              print the report as JSON on standard output
          --junit FILE        also write the report as JUnit XML
          --gradescope FILE   also write Gradescope's results.json
          --impl NAME         grade 'student' (Sources/Exercises, the default) or 'solutions'
          --fixtures DIR      grade against another fixture set (DIR/<exercise>/<case>/)
          --timeout S         time limit per request to your code, in seconds (default 10)
          --seed N            seed of the fresh random inputs (fixtures: of the inputs)
          --out DIR           (fixtures) write into DIR/<exercise>/ instead of assignments/
          --no-color          no colors (also: the NO_COLOR environment variable)
          --no-build          do not rebuild the worker first
          --package-path DIR  the BackpropLab checkout (default: found from the current folder)
          -h, --help          show this help

        EXIT STATUS: 0 every check passed; 1 a check failed or is not started;
                     2 usage, build or grader error.
        """

    /// Parses `arguments` (without the program name).
    public static func parse(_ arguments: [String]) throws(UsageError) -> GraderArguments {
        var result = GraderArguments()
        var positional: [String] = []
        var i = 0
        func value(_ flag: String) throws(UsageError) -> String {
            i += 1
            guard i < arguments.count, !arguments[i].hasPrefix("--") else { throw UsageError("\(flag) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "-h", "--help", "help": result.command = .help; return result
            case "--json": result.json = true
            case "--junit": result.junitFile = try value(a)
            case "--gradescope": result.gradescopeFile = try value(a)
            case "--impl":
                result.implementation = try value(a)
                guard ["student", "solutions"].contains(result.implementation) else {
                    throw UsageError("--impl must be 'student' or 'solutions', not '\(result.implementation)'")
                }
            case "--fixtures": result.fixtures = try value(a)
            case "--timeout":
                let text = try value(a)
                guard let t = Double(text), t > 0 else { throw UsageError("--timeout needs a positive number of seconds, not '\(text)'") }
                result.timeout = t
            case "--seed":
                let text = try value(a)
                guard let s = UInt64(text) else { throw UsageError("--seed needs a whole number, not '\(text)'") }
                result.seed = s
            case "--out": result.outputDirectory = try value(a)
            case "--no-color": result.noColor = true
            case "--no-build": result.noBuild = true
            case "--write": result.write = true
            case "--package-path": result.packagePath = try value(a)
            default:
                if a.hasPrefix("-") {
                    let flags = ["--json", "--junit", "--gradescope", "--impl", "--fixtures", "--timeout", "--seed",
                                 "--out", "--no-color", "--no-build", "--package-path", "--write", "--help"]
                    let suggestion = closestName(to: a, among: flags).map { "; did you mean '\($0)'?" } ?? ""
                    throw UsageError("unknown option '\(a)'\(suggestion)")
                }
                positional.append(a)
            }
            i += 1
        }
        guard let first = positional.first else { return result }
        let rest = Array(positional.dropFirst())
        switch first {
        case "check":
            guard !rest.isEmpty else { throw UsageError("check needs at least one exercise name (see `grader list`)") }
            result.command = .check(rest)
        case "list": result.command = .list
        case "watch": result.command = .watch(rest)
        case "fixtures": result.command = .fixtures(rest)
        case "mistakes": result.command = .mistakes
        default:
            let commands = ["check", "list", "watch", "fixtures", "mistakes"]
            let suggestion = closestName(to: first, among: commands).map { "; did you mean '\($0)'?" }
                ?? "; to grade one exercise: grader check \(first)"
            throw UsageError("unknown command '\(first)'\(suggestion)")
        }
        return result
    }
}

/// A command line that cannot be run, with what is wrong.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
