// `grader`: grades the exercises in Sources/Exercises. A thin shell over GraderKit;
// see `grader --help` and docs/student-guide.md.
import Foundation
import GraderCommands

exit(GraderCLI.main(CommandLine.arguments))
