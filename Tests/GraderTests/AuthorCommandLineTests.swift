import Testing
@testable import GraderCommands
@testable import GraderKit

@Suite("The author's commands on the command line")
struct AuthorCommandLineTests {
    @Test("release takes a folder; new-exercise a name, a title and a type; fixtures names and --hidden")
    func parsesAuthorCommands() throws {
        #expect(try GraderArguments.parse(["release", "../student"]).command == .release("../student"))

        let scaffold = try GraderArguments.parse(["new-exercise", "leaky-relu", "--title", "Leaky ReLU", "--type", "LeakyReLU"])
        #expect(scaffold.command == .newExercise("leaky-relu"))
        #expect(scaffold.title == "Leaky ReLU" && scaffold.typeName == "LeakyReLU")

        let hidden = try GraderArguments.parse(["fixtures", "relu", "affine", "--hidden", "--seed", "9731"])
        #expect(hidden.command == .fixtures(["relu", "affine"]))
        #expect(hidden.hiddenSet && hidden.seed == 9731)
        #expect(try GraderArguments.parse(["fixtures"]).command == .fixtures([]))
    }

    @Test("a wrong author's command line says what it needs", arguments: [
        (["release"], "release needs one folder"),
        (["release", "a", "b"], "release needs one folder"),
        (["new-exercise"], "new-exercise needs one name"),
        (["relase", "out"], "did you mean 'release'?"),
        (["new-excercise", "x"], "did you mean 'new-exercise'?"),
        (["fixtures", "--hiden"], "did you mean '--hidden'?"),
        (["new-exercise", "x", "--title"], "option '--title' needs a value"),
    ])
    func usageErrors(arguments: [String], message: String) {
        #expect { try GraderArguments.parse(arguments) } throws: { error in
            "\(error)".contains(message)
        }
    }
}
