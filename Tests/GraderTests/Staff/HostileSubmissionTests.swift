// Grading with fresh fixtures needs the reference solutions: author's edition only.
#if AUTHOR_EDITION
import Foundation
import Testing
@testable import GraderKit
@testable import StaffKit

extension StaffGradingTests {
    /// Submissions written to cheat, stall or mislead the grading, each costing the
    /// student only the exercise it is in, and nothing to anyone else.
    @Suite("Hostile submissions")
    struct HostileSubmissionTests {
        @Test("a file the type checker would take minutes over is stopped at the per-file limit; only its exercise is lost")
        func slowTypeChecking() throws {
            var grader = try StaffGradingTests.grader.get()
            grader.staging.fileBuildTimeLimit = 20
            grader.staging.buildAllowance = 60
            let started = Date()
            let report = try grader.grade(try StaffSupport.folder(
                ["ReLU.swift": StaffSupport.slowToTypeCheckReLU, "Affine.swift": StaffSupport.correctAffine]))
            // One build of both files (100 s), each file alone (80 s each), then Affine.
            #expect(Date().timeIntervalSince(started) < 400)
            #expect(report.compileFailures.map(\.file) == ["Sources/Exercises/ReLU.swift"])
            #expect(report.compileFailures.first?.errors.first?.contains("took longer than 20 s") == true,
                    "\(report.compileFailures.map(\.errors))")
            #expect(try StaffGradingTests.exercise("relu", in: report).points == 0)
            #expect(try StaffGradingTests.exercise("affine", in: report).status == .passed)
            #expect(report.points == 8)
        }

        @Test("a file importing the reference is graded as its stub, with the reason; the other files still count")
        func importingTheReference() throws {
            let grader = try StaffGradingTests.grader.get()
            let report = try grader.grade(try StaffSupport.folder(
                ["ReLU.swift": StaffSupport.correctReLU, "Affine.swift": StaffSupport.importingAffine]))
            let failure = try #require(report.compileFailures.first)
            #expect(failure.file == "Sources/Exercises/Affine.swift" && failure.exercises == ["affine"])
            #expect(failure.errors == ["Sources/Exercises/Affine.swift:2: error: exercise files may import only Curriculum, TensorKit, Foundation and Glibc/Darwin, not Solutions"])
            #expect(try StaffGradingTests.exercise("affine", in: report).points == 0)
            #expect(report.points == 5)
        }

        @Test("printed ANSI and bidi codes, and those in answers, are escaped; students see no printed output; lookalikes are called out")
        func textAPersonReads() throws {
            let grader = try StaffGradingTests.grader.get()
            let report = try grader.grade(try StaffSupport.folder([
                "ReLU.swift": StaffSupport.paintingReLU, "\u{410}ffine.swift": StaffSupport.correctAffine,
                "answers.md": "I agree\u{1B}[8m (hidden) \u{202E}.enod lla\n",
            ], named: "mallory"))
            #expect(report.points == 5)
            let text = report.text(style: TextStyle(colors: true))
            #expect(text.contains(#"\u{1B}[2J\u{1B}[1;32mALL CHECKS PASSED: 106/106\u{202E}"#))
            #expect(text.contains(#"I agree\u{1B}[8m (hidden) \u{202E}.enod lla"#))
            #expect(!text.unicodeScalars.contains("\u{202E}"))
            // Our own colors are the only escape sequences left.
            #expect(!text.contains("\u{1B}[2J") && !text.contains("\u{1B}[8m"))
            #expect(text.contains("WARNING: file names that imitate a stub's, NOT graded: \u{410}ffine.swift (looks like Affine.swift but is not: U+0410 CYRILLIC CAPITAL LETTER A; not graded)"))

            let hidden = String(decoding: try report.gradescope(redacting: [grader.staging.folder.path]), as: UTF8.self)
            #expect(!hidden.contains("ALL CHECKS PASSED"))
            #expect(!hidden.contains(grader.staging.folder.path))
            let shown = String(decoding: try report.gradescope(showOutput: true), as: UTF8.self)
            #expect(shown.contains("ALL CHECKS PASSED"))
            #expect(!shown.contains("\\u001b") && !shown.unicodeScalars.contains("\u{202E}"))
        }

        @Test("a stage changed between builds is restored and the report says so; a changed hidden set stops the grading")
        func tamperedCourseFiles() throws {
            let midterm = try StaffSupport.reluHiddenSet()
            let grader = try StaffSupport.grader(hidden: [midterm.folder])
            let staged = grader.staging.root.appendingPathComponent("Package.swift")
            let original = try Data(contentsOf: staged)
            try (original + Data("\n// changed by a worker\n".utf8)).write(to: staged)
            let report = try grader.grade(try StaffSupport.folder(["ReLU.swift": StaffSupport.correctReLU]))
            #expect(try Data(contentsOf: staged) == original)
            #expect(report.notices?.first?.contains("Package.swift") == true)
            #expect(report.text().contains("NOTE: The staging area had been changed since grading started (Package.swift)"))
            #expect(report.points == 5)

            try StaffSupport.tamper(midterm.tampered)
            #expect { try grader.grade(try StaffSupport.folder([:])) } throws: { error in
                "\(error)".contains("the course's files changed since grading started") && "\(error)".contains("relu/forward/expected-out.npy")
            }
        }
    }
}
#endif
