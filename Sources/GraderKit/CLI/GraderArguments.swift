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

    public static let usage = """
        USAGE: grader [COMMAND] [OPTIONS]

        COMMANDS:
          (none)              grade every exercise: a table, points, and what to do next
          check NAME…         grade the named exercises and show every check in detail
          list                list the exercises of the course
          watch [NAME…]       grade again every time you save a file in Sources/Exercises
          fixtures [NAME…]    (authors) regenerate the fixtures from the reference solutions
                              with --hidden, write a hidden set with a new seed instead
          mistakes            (authors) grade every catalogued mistake: caught? named?
                              with --write, also store their signatures in assignments/
          new-exercise NAME   (authors) scaffold a new layer exercise (docs/author-guide.md)
          release OUT         (authors) write the student edition into the new folder OUT
          grade SUBMISSION    (staff) grade a student's folder or .zip: public, fresh and
                              hidden fixtures; --out DIR writes the text and JSON reports
          grade-all DIR       (staff) grade every folder or .zip in DIR: a report each,
                              scores.csv and summary.md in --out (default DIR-grades)
          export gradescope OUT.zip
                              (staff) Gradescope's autograder archive, with --hidden sets

        OPTIONS:
          --json              print the report as JSON on standard output
          --junit FILE        also write the report as JUnit XML
          --gradescope FILE   also write Gradescope's results.json
          --impl NAME         grade 'student' (Sources/Exercises, the default) or 'solutions'
          --fixtures DIR      grade against another fixture set (DIR/<exercise>/<case>/)
          --timeout S         time limit per request to your code, in seconds (default 10)
          --seed N            seed of the fresh random inputs (fixtures: of the inputs)
          --out DIR           (fixtures) write into DIR/<exercise>/ instead of assignments/
          --title T           (new-exercise) the exercise's title
          --type T            (new-exercise) its type name (default: from NAME, e.g. LeakyRelu)
          --out DIR           (fixtures) write into DIR/<exercise>/ instead of assignments/;
                              (grade, grade-all) where the reports go
          --hidden [DIR]      (fixtures) write a hidden set: into DIR, --out or hidden-fixtures/,
                              with --seed or a random seed (never the public seed 0);
                              (grade, grade-all, export) a hidden fixture set; repeatable
          --no-fresh          (grade, grade-all) no fresh fixtures from the reference
          --build-dir DIR     (grade, grade-all) staging and build folder (default .build-grading)
          --force             (grade-all) grade again submissions that have a report
          --jobs N            (grade-all) judge N submissions at once (builds take turns)
          --budget SECONDS    (grade, grade-all, export) time judging one submission may take
                              (default 300)
          --show-output       (grade, export) show students what their code printed in
                              Gradescope's results (default: staff reports only)
          --toolchain-archive FILE
                              (export) pin the SHA-256 of this swift.org toolchain archive:
                              setup.sh installs only a download that matches; repeatable
          --toolchain-sha256 PLATFORM=HEX
                              (export) pin a platform's archive by its SHA-256; repeatable
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
            case "--title": result.title = try value(a)
            case "--type": result.typeName = try value(a)
            case "--package-path": result.packagePath = try value(a)
            case "--hidden":
                // A folder may follow (grading: a hidden set to check against; fixtures:
                // where to write one); `grader fixtures --hidden` alone is fine too.
                result.hiddenSet = true
                if i + 1 < arguments.count, !arguments[i + 1].hasPrefix("-") { result.hidden.append(try value(a)) }
            case "--no-fresh": result.noFresh = true
            case "--build-dir": result.buildDirectory = try value(a)
            case "--force": result.force = true
            case "--budget":
                let text = try value(a)
                guard let t = Double(text), t > 0 else { throw UsageError("--budget needs a positive number of seconds, not '\(text)'") }
                result.budget = t
            case "--show-output": result.showOutput = true
            case "--toolchain-archive": result.toolchainArchives.append(try value(a))
            case "--toolchain-sha256": result.toolchainPins.append(try value(a))
            case "--jobs":
                let text = try value(a)
                guard let n = Int(text), n > 0 else { throw UsageError("--jobs needs a positive whole number, not '\(text)'") }
                result.jobs = n
            default:
                if a.hasPrefix("-") {
                    let flags = ["--json", "--junit", "--gradescope", "--impl", "--fixtures", "--timeout", "--seed",
                                 "--out", "--no-color", "--no-build", "--package-path", "--write", "--help",
                                 "--hidden", "--title", "--type", "--no-fresh", "--build-dir", "--force", "--jobs",
                                 "--budget", "--show-output", "--toolchain-archive", "--toolchain-sha256"]
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
        case "release":
            guard rest.count == 1 else { throw UsageError("release needs one folder to write the student edition into: grader release OUT") }
            result.command = .release(rest[0])
        case "new-exercise":
            guard rest.count == 1 else { throw UsageError("new-exercise needs one name: grader new-exercise NAME [--title T]") }
            result.command = .newExercise(rest[0])
        case "grade", "grade-all":
            guard rest.count == 1 else {
                throw UsageError(first == "grade" ? "grade needs one submission: a folder or a .zip"
                                                  : "grade-all needs one folder of submissions")
            }
            result.command = first == "grade" ? .grade(rest[0]) : .gradeAll(rest[0])
        case "export":
            guard rest.count == 2, rest[0] == "gradescope" else {
                throw UsageError("usage: grader export gradescope OUT.zip --toolchain-archive FILE [--hidden DIR]…")
            }
            result.command = .exportGradescope(rest[1])
        default:
            let commands = ["check", "list", "watch", "fixtures", "mistakes", "release", "new-exercise",
                            "grade", "grade-all", "export"]
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
