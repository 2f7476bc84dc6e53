import AuthorKit
import CommandLineKit
import GraderKit

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
        /// `grader fixtures [NAME…]`: regenerate fixtures from the reference (of every
        /// exercise when no names are given).
        case fixtures([String])
        /// `grader mistakes [--write]`: audit the mistake catalogue.
        case mistakes
        /// `grader release OUT`: write the student edition into OUT.
        case release(String)
        /// `grader new-exercise NAME`: scaffold a new exercise.
        case newExercise(String)
        /// `grader grade SUBMISSION`: grade one student's folder or .zip (staff).
        case grade(String)
        /// `grader grade-all DIR`: grade every submission in a folder (staff).
        case gradeAll(String)
        /// `grader export gradescope OUT.zip`: Gradescope's autograder archive (staff).
        case exportGradescope(String)
        /// `grader --help`, `grader help [COMMAND]`, `grader COMMAND --help`: the help
        /// of the tool (`""`) or of one command.
        case help(String)
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
    /// `grader fixtures --hidden [DIR]`: write a hidden set (see ``HiddenFixtures``).
    public var hiddenSet = false
    /// `grader new-exercise --title T`: the exercise's title.
    public var title: String?
    /// `grader new-exercise --type T`: its type name, instead of one derived from its name.
    public var typeName: String?
    /// `--hidden DIR`, repeatable: more fixture sets staff grading checks against.
    public var hidden: [String] = []
    /// `--toolchain-archive FILE`, repeatable (export): archives whose SHA-256 setup.sh pins.
    public var toolchainArchives: [String] = []
    /// `--toolchain-sha256 PLATFORM=HEX`, repeatable (export): pins given directly.
    public var toolchainPins: [String] = []
    /// `--no-fresh`: staff grading without fresh fixtures (no reference solutions).
    public var noFresh = false
    /// `--build-dir DIR`: where staff grading stages and builds submissions.
    public var buildDirectory: String?
    /// `grade-all --force`: grade again submissions that already have a report.
    public var force = false
    /// `grade-all --jobs N`: submissions judged at once.
    public var jobs = 1
    /// `--budget SECONDS`: wall-clock time judging one submission may take (staff).
    public var budget: Double = Judge.defaultBudget
    /// `--show-output`: the student's printed output in Gradescope's results (staff).
    public var showOutput = false

    /// Reads `arguments` (without the program name) against ``tool``.
    public static func parse(_ arguments: [String]) throws(UsageError) -> GraderArguments {
        let parsed = try tool.parse(arguments)
        var result = GraderArguments()
        if parsed.wantsHelp {
            result.command = .help(parsed.command)
            return result
        }
        result.command = try command(parsed)
        result.json = parsed.has("json")
        result.junitFile = parsed.string("junit")
        result.gradescopeFile = parsed.string("gradescope")
        result.implementation = parsed.string("impl") ?? result.implementation
        result.fixtures = parsed.string("fixtures")
        result.timeout = parsed.number("timeout") ?? result.timeout
        result.seed = parsed.wholeNumber("seed")
        result.outputDirectory = parsed.string("out")
        result.noColor = parsed.has("no-color")
        result.noBuild = parsed.has("no-build")
        result.write = parsed.has("write")
        result.title = parsed.string("title")
        result.typeName = parsed.string("type")
        result.packagePath = parsed.string("package-path")
        result.hiddenSet = parsed.has("hidden")
        result.hidden = parsed.strings("hidden")
        result.noFresh = parsed.has("no-fresh")
        result.buildDirectory = parsed.string("build-dir")
        result.force = parsed.has("force")
        result.budget = parsed.number("budget") ?? result.budget
        result.showOutput = parsed.has("show-output")
        result.toolchainArchives = parsed.strings("toolchain-archive")
        result.toolchainPins = parsed.strings("toolchain-sha256")
        result.jobs = parsed.integer("jobs") ?? result.jobs
        return result
    }

    /// The command and its arguments, checked.
    static func command(_ parsed: ParsedCommandLine) throws(UsageError) -> Command {
        let rest = parsed.positionals
        switch parsed.command {
        case "": return .summary
        case "check":
            guard !rest.isEmpty else { throw UsageError("check needs at least one exercise name (see `grader list`)") }
            return .check(rest)
        case "list": return .list
        case "watch": return .watch(rest)
        case "fixtures": return .fixtures(rest)
        case "mistakes": return .mistakes
        case "release":
            guard rest.count == 1 else { throw UsageError("release needs one folder to write the student edition into: grader release OUT") }
            return .release(rest[0])
        case "new-exercise":
            guard rest.count == 1 else { throw UsageError("new-exercise needs one name: grader new-exercise NAME [--title T]") }
            return .newExercise(rest[0])
        case "grade":
            guard rest.count == 1 else { throw UsageError("grade needs one submission: a folder or a .zip") }
            return .grade(rest[0])
        case "grade-all":
            guard rest.count == 1 else { throw UsageError("grade-all needs one folder of submissions") }
            return .gradeAll(rest[0])
        case "export":
            guard rest.count == 2, rest[0] == "gradescope" else {
                throw UsageError("usage: grader export gradescope OUT.zip --toolchain-archive FILE [--hidden DIR]…")
            }
            return .exportGradescope(rest[1])
        default:
            throw UsageError("unknown command '\(parsed.command)'")
        }
    }
}
