import Testing
@testable import GraderCommands
@testable import GraderKit
@testable import StaffKit

@Suite("The staff's commands on the command line")
struct StaffCommandLineTests {
    @Test("grade, grade-all and export gradescope take their argument and options")
    func parsesStaffCommands() throws {
        let grade = try GraderArguments.parse(["grade", "alice.zip", "--hidden", "h1", "--hidden", "h2", "--seed", "42",
                                               "--out", "reports", "--gradescope", "results.json", "--no-fresh"])
        #expect(grade.command == .grade("alice.zip"))
        #expect(grade.hidden == ["h1", "h2"] && grade.seed == 42 && grade.outputDirectory == "reports")
        #expect(grade.gradescopeFile == "results.json" && grade.noFresh)
        let all = try GraderArguments.parse(["grade-all", "submissions", "--force", "--jobs", "2", "--build-dir", "b"])
        #expect(all.command == .gradeAll("submissions") && all.force && all.jobs == 2 && all.buildDirectory == "b")
        #expect(try GraderArguments.parse(["export", "gradescope", "out.zip"]).command == .exportGradescope("out.zip"))
    }

    @Test("--budget is 300 s unless given; --show-output is off unless given")
    func budgetAndOutput() throws {
        let plain = try GraderArguments.parse(["grade-all", "submissions"])
        #expect(plain.budget == 300 && !plain.showOutput)
        let export = try GraderArguments.parse(["export", "gradescope", "out.zip", "--budget", "90", "--show-output"])
        #expect(export.budget == 90 && export.showOutput)
    }

    @Test("run_autograder passes the export's options to every grading, quoted")
    func exportedOptions() {
        var export = GradescopeExport(workspace: StaffSupport.workspace, hidden: [], swiftVersion: "6.3.1")
        export.gradeOptions = ["--budget", "90.0", "--show-output"]
        #expect(export.runScript.contains(#"--no-color '--budget' '90.0' '--show-output')"#))
        #expect(export.runScript.contains("main() {") && export.runScript.hasSuffix("main \"$@\"\nexit 0\n"))
    }

    @Test("their mistakes are usage errors that say what to do", arguments: [
        (["grade"], "one submission"),
        (["grade-all", "a", "b"], "one folder of submissions"),
        (["export", "canvas", "out.zip"], "grader export gradescope OUT.zip"),
        (["grade-all", "a", "--jobs", "0"], "positive whole number"),
        (["grade", "a", "--hiden", "h"], "did you mean '--hidden'?"),
        (["grade", "a", "--budget", "-1"], "'--budget -1': expected a positive number of seconds"),
    ])
    func usageErrors(arguments: [String], message: String) {
        #expect { try GraderArguments.parse(arguments) } throws: { "\($0)".contains(message) }
    }
}
