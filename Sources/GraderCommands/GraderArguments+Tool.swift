import CommandLineKit
import GraderKit

extension GraderArguments {
    /// The commands a student grades with (and the tool without a command, `""`).
    private static let grading = ["", "check", "watch"]

    /// `grader`'s commands and options: the one table its parsing, its help and its
    /// suggestions come from. Options are accepted with any command (scripts pass
    /// them freely); the help lists each under the commands it belongs to.
    public static let tool = CommandLineTool(
        name: "grader", usage: "[COMMAND] [OPTIONS]",
        defaultSummary: "grade every exercise: a table, points, and what to do next",
        commands: [
            Subcommand("check", arguments: "NAME…", summary: "grade the named exercises and show every check in detail"),
            Subcommand("list", summary: "list the exercises of the course"),
            Subcommand("watch", arguments: "[NAME…]", summary: "grade again every time you save a file in Sources/Exercises"),
            Subcommand("fixtures", arguments: "[NAME…]",
                       summary: "(authors) regenerate the fixtures from the reference solutions; with --hidden, write a hidden set with a new seed instead"),
            Subcommand("mistakes",
                       summary: "(authors) grade every catalogued mistake: caught? named? With --write, also store their signatures in assignments/"),
            Subcommand("new-exercise", arguments: "NAME", summary: "(authors) scaffold a new layer exercise (docs/author-guide.md)"),
            Subcommand("release", arguments: "OUT", summary: "(authors) write the student edition into the new folder OUT"),
            Subcommand("grade", arguments: "SUBMISSION",
                       summary: "(staff) grade a student's folder or .zip: public, fresh and hidden fixtures; --out DIR writes the text and JSON reports"),
            Subcommand("grade-all", arguments: "DIR",
                       summary: "(staff) grade every folder or .zip in DIR: a report each, scores.csv and summary.md in --out (default DIR-grades)"),
            Subcommand("export", arguments: "gradescope OUT.zip",
                       summary: "(staff) Gradescope's autograder archive, with --hidden sets"),
        ],
        options: [
            CommandOption("json", commands: grading + ["mistakes", "grade"],
                          help: "print the report as JSON on standard output"),
            CommandOption("junit", value: .required("FILE", .text), commands: grading + ["grade"],
                          help: "also write the report as JUnit XML"),
            CommandOption("gradescope", value: .required("FILE", .text), commands: grading + ["grade"],
                          help: "also write Gradescope's results.json"),
            CommandOption("impl", value: .required("NAME", .choice(["student", "solutions"])), commands: grading,
                          help: "grade 'student' (Sources/Exercises, the default) or 'solutions'"),
            CommandOption("fixtures", value: .required("DIR", .text), commands: grading + ["grade", "grade-all"],
                          help: "grade against another fixture set (DIR/<exercise>/<case>/)"),
            CommandOption("timeout", value: .required("S", .seconds),
                          commands: grading + ["fixtures", "mistakes", "grade", "grade-all"],
                          help: "time limit per request to the code under test, in seconds (default 10)"),
            CommandOption("seed", value: .required("N", .wholeNumber), commands: grading + ["fixtures", "grade", "grade-all"],
                          help: "seed of the fresh random inputs (fixtures: of the inputs)"),
            CommandOption("out", value: .required("DIR", .text), commands: ["fixtures", "grade", "grade-all"],
                          help: "fixtures: write into DIR/<exercise>/ instead of assignments/; grade, grade-all: where the reports go"),
            CommandOption("hidden", value: .optional("DIR", .text), repeatable: true,
                          commands: ["fixtures", "grade", "grade-all", "export"],
                          help: "grade, grade-all, export: a hidden fixture set; fixtures: write a hidden set into DIR, --out or hidden-fixtures/, with --seed or a random seed (never the public seed 0)"),
            CommandOption("write", commands: ["mistakes"], help: "store the mistakes' signatures in assignments/<exercise>/mistakes"),
            CommandOption("title", value: .required("T", .text), commands: ["new-exercise"], help: "the exercise's title"),
            CommandOption("type", value: .required("T", .text), commands: ["new-exercise"],
                          help: "its type name (default: from NAME, e.g. LeakyRelu)"),
            CommandOption("no-fresh", commands: ["grade", "grade-all"], help: "no fresh fixtures from the reference"),
            CommandOption("build-dir", value: .required("DIR", .text), commands: ["grade", "grade-all"],
                          help: "staging and build folder (default .build-grading)"),
            CommandOption("force", commands: ["grade-all"], help: "grade again submissions that have a report"),
            CommandOption("jobs", value: .required("N", .positiveInteger), commands: ["grade-all"],
                          help: "judge N submissions at once (builds take turns)"),
            CommandOption("budget", value: .required("SECONDS", .seconds), commands: ["grade", "grade-all", "export"],
                          help: "time judging one submission may take (default 300)"),
            CommandOption("show-output", commands: ["grade", "export"],
                          help: "show students what their code printed in Gradescope's results (default: staff reports only)"),
            CommandOption("toolchain-archive", value: .required("FILE", .text), repeatable: true, commands: ["export"],
                          help: "pin the SHA-256 of this swift.org toolchain archive: setup.sh installs only a download that matches"),
            CommandOption("toolchain-sha256", value: .required("PLATFORM=HEX", .text), repeatable: true, commands: ["export"],
                          help: "pin a platform's archive by its SHA-256"),
            CommandOption("no-color", help: "no colors (also: the NO_COLOR environment variable)"),
            CommandOption("no-build", help: "do not rebuild the worker first"),
            CommandOption("package-path", value: .required("DIR", .text),
                          help: "the BackpropLab checkout (default: found from the current folder)"),
        ],
        rejectsOtherCommandsOptions: false, listsOptionsInOverview: true,
        footer: """
            EXIT STATUS: 0 every check passed; 1 a check failed or is not started;
                         2 usage, build or grader error.
            """,
        unknownCommandAdvice: { "to grade one exercise: grader check \($0)" })

    /// `grader --help`, or a command's help.
    public static func help(for command: String = "") -> String { tool.help(for: command) }
}
