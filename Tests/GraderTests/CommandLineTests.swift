import CommandLineKit
import Testing
@testable import GraderCommands
@testable import GraderKit

@Suite("The grader's command line")
struct CommandLineTests {
    @Test("no arguments grade everything; check takes names; flags are read")
    func parsesCommands() throws {
        #expect(try GraderArguments.parse([]).command == .summary)
        let check = try GraderArguments.parse(["check", "affine", "relu", "--json", "--timeout", "2.5", "--impl", "solutions"])
        #expect(check.command == .check(["affine", "relu"]))
        #expect(check.json && check.timeout == 2.5 && check.implementation == "solutions")
        #expect(try GraderArguments.parse(["watch"]).command == .watch([]))
    }

    @Test("mistakes are usage errors that say what to do", arguments: [
        (["chekc"], "did you mean 'check'?"),
        (["check"], "at least one exercise"),
        (["--jsno"], "did you mean '--json'?"),
        (["--timeout", "soon"], "positive number"),
        (["--impl", "mine"], "'--impl mine': expected one of student, solutions"),
    ])
    func usageErrors(arguments: [String], message: String) {
        #expect { try GraderArguments.parse(arguments) } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("a misspelt exercise gets a suggestion")
    func suggestsNames() {
        let names = Judge.catalog.map(\.name)
        #expect(closestName(to: "batchnrom", among: names) == "batchnorm")
        #expect(closestName(to: "layrnorm", among: names) == "layernorm")
        #expect(closestName(to: "convolution", among: names) == nil)
    }
}

@Suite("The grader's help, generated from its table")
struct GraderHelpTests {
    /// A valid value of `kind` that is not the option's default.
    static func sample(_ kind: ValueKind?) -> [String] {
        switch kind {
        case nil: []
        case .text: ["x"]
        case .positiveInteger: ["2"]
        case .wholeNumber: ["5"]
        case .number, .seconds: ["2.5"]
        case .choice(let words): [words.last!]
        }
    }

    @Test("grader --help lists every option exactly once, and every command")
    func everyOptionOnce() {
        let lines = GraderArguments.help().split(separator: "\n")
        for option in GraderArguments.tool.options {
            #expect(lines.filter { $0.hasPrefix("  " + option.synopsis + " ") || $0 == "  " + option.synopsis }.count == 1,
                    "\(option.flag)")
        }
        for command in GraderArguments.tool.commands {
            #expect(lines.contains { $0.hasPrefix("  " + command.name + " ") || $0 == "  " + command.name + " " + command.arguments },
                    "\(command.name)")
        }
        #expect(lines.filter { $0.hasPrefix("  --out DIR") }.count == 1)
    }

    @Test("each command's help lists its own options and no other's", arguments: ["check", "grade-all", "new-exercise", "export"])
    func commandHelp(command: String) throws {
        let help = GraderArguments.help(for: command)
        #expect(help.hasPrefix("USAGE: grader \(command)"))
        for option in GraderArguments.tool.options {
            let listed = help.split(separator: "\n").contains { $0.hasPrefix("  " + option.synopsis + " ") || $0 == "  " + option.synopsis }
            #expect(listed == option.belongs(to: command), "\(option.flag) in \(command)'s help")
        }
        #expect(try GraderArguments.parse([command, "--help"]).command == .help(command))
        #expect(try GraderArguments.parse(["help", command]).command == .help(command))
    }

    @Test("every option in the table is read: giving it changes the parsed arguments")
    func everyOptionIsRead() throws {
        let plain = try GraderArguments.parse(["grade", "s"])
        for option in GraderArguments.tool.options {
            let given = try GraderArguments.parse(["grade", "s", option.flag] + Self.sample(option.kind))
            #expect(given != plain, "\(option.flag) is declared but not read")
        }
    }

    @Test("a repeated option: --hidden and the toolchain pins keep every value, others the last")
    func repeatedOptions() throws {
        let parsed = try GraderArguments.parse(["export", "gradescope", "o.zip", "--hidden", "a", "--hidden", "b",
                                                "--toolchain-sha256", "linux=1", "--toolchain-sha256", "mac=2",
                                                "--budget", "90", "--budget", "120"])
        #expect(parsed.hidden == ["a", "b"] && parsed.toolchainPins == ["linux=1", "mac=2"] && parsed.budget == 120)
    }
}
