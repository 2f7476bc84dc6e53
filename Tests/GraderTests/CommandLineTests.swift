import Testing
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
        (["--impl", "mine"], "'student' or 'solutions'"),
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
