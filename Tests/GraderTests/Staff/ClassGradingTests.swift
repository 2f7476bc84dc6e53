// Grading with fresh fixtures needs the reference solutions: author's edition only.
#if AUTHOR_EDITION
import Foundation
import Testing
@testable import GraderKit
@testable import StaffKit

extension StaffGradingTests {
    /// `grader grade-all`: reports, scores.csv, summary.md, and picking up where an
    /// interrupted run stopped.
    @Suite("Grading a class")
    struct ClassGradingTests {
        /// alice is right, bob's Affine.swift does not compile, dave sent a hostile archive.
        static func classFolder() throws -> URL {
            let folder = try StaffSupport.folder([
                "alice/ReLU.swift": StaffSupport.correctReLU, "alice/Affine.swift": StaffSupport.correctAffine,
                "bob/Sources/Exercises/ReLU.swift": StaffSupport.correctReLU,
                "bob/Sources/Exercises/Affine.swift": StaffSupport.brokenAffine,
            ], named: "class")
            try FileManager.default.copyItem(at: StaffSupport.archive("dot-dot.zip"), to: folder.appendingPathComponent("dave.zip"))
            return folder
        }

        /// Runs grade-all and returns the reports and the progress lines.
        static func run(_ grading: ClassGrading) throws -> (reports: [StaffReport], progress: [String]) {
            let lines = Lines()
            let reports = try grading.run { lines.append($0) }
            return (reports, lines.all)
        }

        @Test("a grading stopped by changed course files throws the reason, with one job and with two, and never traps")
        func stoppedGradingThrows() throws {
            let midterm = try StaffSupport.reluHiddenSet()
            let grader = try StaffSupport.grader(hidden: [midterm.folder])
            try StaffSupport.tamper(midterm.tampered)
            for jobs in [1, 2] {
                let submissions = try Self.classFolder()
                let grading = ClassGrading(grader: grader, submissions: submissions,
                                           output: submissions.deletingLastPathComponent().appendingPathComponent("grades"),
                                           jobs: jobs)
                #expect { try Self.run(grading) } throws: { error in
                    "\(error)".contains("the course's files changed since grading started")
                }
            }
        }

        @Test("a report per student, scores.csv and summary.md; an interrupted run resumes; --force grades again")
        func gradeAllAndResume() throws {
            let submissions = try Self.classFolder()
            let output = submissions.deletingLastPathComponent().appendingPathComponent("grades")
            var grading = ClassGrading(grader: try StaffGradingTests.grader.get(), submissions: submissions, output: output)

            let (reports, progress) = try Self.run(grading)
            #expect(reports.map(\.student) == ["alice", "bob", "dave"])
            #expect(progress.count == 3)
            for student in ["alice", "bob", "dave"] {
                #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(student).txt").path))
            }
            let csv = try String(contentsOf: output.appendingPathComponent("scores.csv"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            let exercises = StaffSupport.course.enabledExercises.map(\.name)
            #expect(csv[0] == "student," + exercises.joined(separator: ",") + ",total,notes")
            #expect(csv[1].hasPrefix("alice,8,5,0,") && csv[1].hasSuffix(",13,"))
            #expect(csv[2].hasPrefix("bob,0,5,") && csv[2].hasSuffix(",5,did not compile: Affine.swift"))
            #expect(csv[3].hasPrefix("dave,0,0,") && csv[3].contains("not graded: the archive holds a path leading out"))
            let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
            #expect(summary.contains("| relu | 5 | 0.0 | 5.0 | 3.3 | 5.0 | 2 | 1 | 0 | 0 | 0 | 2 |"))
            #expect(summary.contains("- bob: Sources/Exercises/Affine.swift did not compile"))

            // Killed after alice and dave: bob's report is missing, the others are kept.
            let bob = output.appendingPathComponent("bob.json")
            try FileManager.default.removeItem(at: bob)
            let aliceDate = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("alice.json").path)[.modificationDate] as? Date
            let resumed = try Self.run(grading)
            #expect(resumed.progress.first == "Skipping 2 submissions graded before (--force grades them again).")
            #expect(resumed.progress.dropFirst().map { $0.split(separator: " ")[1] } == ["bob:"])
            #expect(FileManager.default.fileExists(atPath: bob.path))
            #expect(try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("alice.json").path)[.modificationDate] as? Date == aliceDate)
            #expect(resumed.reports.map(\.points) == reports.map(\.points))

            grading.force = true
            #expect(try Self.run(grading).progress.count == 3)
        }

        @Test("a class mixing honest and hostile submissions: honest scores as when graded alone; edited and forged reports are graded again")
        func hostileClass() throws {
            let grader = try StaffGradingTests.grader.get()
            let submissions = try StaffSupport.folder([
                "alice/ReLU.swift": StaffSupport.correctReLU, "alice/Affine.swift": StaffSupport.correctAffine,
                "mallory/ReLU.swift": StaffSupport.paintingReLU, "mallory/Affine.swift": StaffSupport.importingAffine,
            ], named: "class")
            for (archive, student) in [("lying-sizes.zip", "liar"), ("duplicate.zip", "twice")] {
                try FileManager.default.copyItem(at: StaffSupport.archive(archive), to: submissions.appendingPathComponent(student + ".zip"))
            }
            let alone = try grader.grade(submissions.appendingPathComponent("alice"))
            let output = submissions.deletingLastPathComponent().appendingPathComponent("grades")
            let grading = ClassGrading(grader: grader, submissions: submissions, output: output)

            let first = try Self.run(grading)
            #expect(first.reports.map(\.student) == ["alice", "liar", "mallory", "twice"])
            #expect(first.reports.map(\.points) == [alone.points, 0, 5, 0])
            #expect(first.reports[3].refused?.contains("more than one entry named ReLU.swift") == true)

            // Between two runs: alice's report is edited, a full-marks report is forged
            // for mallory, and one for a student who handed nothing in.
            let aliceFile = output.appendingPathComponent("alice.json")
            let edited = try String(contentsOf: aliceFile, encoding: .utf8).replacingOccurrences(of: "\"points\" : 0", with: "\"points\" : 1")
            try Data(edited.utf8).write(to: aliceFile)
            var forged = first.reports[2]
            forged.report.exercises = forged.report.exercises.map { exercise in
                var exercise = exercise
                exercise.checks = exercise.checks.map { var c = $0; c.points = c.maxPoints; c.status = .passed; return c }
                return exercise
            }
            try forged.json().write(to: output.appendingPathComponent("mallory.json"))
            forged.student = "zed"
            try forged.json().write(to: output.appendingPathComponent("zed.json"))

            let second = try Self.run(grading)
            #expect(second.progress.contains { $0.hasPrefix("alice: graded again: its report does not verify") })
            #expect(second.progress.contains { $0.hasPrefix("mallory: graded again: its report does not verify") })
            #expect(second.progress.contains("Skipping 2 submissions graded before (--force grades them again)."))
            #expect(second.reports.map(\.points) == first.reports.map(\.points))
            let csv = try String(contentsOf: output.appendingPathComponent("scores.csv"), encoding: .utf8)
            #expect(!csv.contains("zed"))
            #expect(csv.contains("\nalice,8,5,") && csv.contains("\nmallory,0,5,"))
        }

        @Test("files are replaced all at once, with no temporary file left behind")
        func atomicWrites() throws {
            let folder = try StaffSupport.folder(["scores.csv": "old"])
            let file = folder.appendingPathComponent("scores.csv")
            try ClassGrading.writeAtomically(Data("new\n".utf8), to: file)
            #expect(try String(contentsOf: file, encoding: .utf8) == "new\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scores.csv"])
        }

        @Test("CSV fields with commas, quotes or line breaks are quoted")
        func csvQuoting() {
            #expect(ClassSummary.csvField("plain") == "plain")
            #expect(ClassSummary.csvField("Doe, Jane") == "\"Doe, Jane\"")
            #expect(ClassSummary.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        }

        @Test("the score distribution: min, median, mean, max, full marks, and five buckets")
        func statistics() {
            #expect(ClassSummary.statistics([0, 2, 5, 5], worth: 5, buckets: 5)
                == ["0.0", "3.5", "3.0", "5.0", "2", "1", "0", "1", "0", "2"])
        }
    }
}

/// Progress lines collected from grade-all's threads.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
#endif
