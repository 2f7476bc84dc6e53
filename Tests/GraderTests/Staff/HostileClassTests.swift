// Grading with fresh fixtures needs the reference solutions: author's edition only.
#if AUTHOR_EDITION
import Foundation
import Testing
@testable import GraderKit

extension StaffGradingTests {
    /// A class in which every attack of issue 10 on the worker is a student's submission,
    /// graded by `grade-all` next to an honest one.
    @Suite("A class of attacks")
    struct HostileClassTests {
        /// A ReLU whose forward pass is right and whose backward pass is not written
        /// (`dout` passed through): what each attacker's honest work is worth. The first
        /// forward call also runs `attack`.
        static func relu(attack: String) -> String {
            """
            import Curriculum
            import Foundation
            import TensorKit
            #if canImport(Glibc)
            import Glibc
            #endif

            nonisolated(unsafe) private var attacked = false

            public struct ReLU: ReLULayer {
                public struct Cache { var x: Tensor }
                public init() {}
                public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
                    if !attacked { attacked = true; attack() }
                    return (maximum(x, 0), Cache(x: x))
                }
                public func backward(_ dout: Tensor, cache: Cache) -> Tensor { dout }
            }

            private func attack() {
            \(attack)
            }
            """
        }

        /// Each attack, by student name. `OUT` and `REFERENCE` are replaced by the
        /// reports folder and the reference worker's path in the grading folder.
        static let attacks: [String: String] = [
            // Become the reference worker: same pid, same pipes, full marks — if it can.
            "exec": #"""
                let path = "REFERENCE"
                let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), nil]
                execv(path, argv)
                """#,
            // A detached process that outlives the worker and rewrites the reports.
            "daemon": #"""
                if fork() == 0 {
                    setsid()
                    sleep(4)
                    for target in ["OUT/alice.json", "OUT/scores.csv"] {
                        let fd = open(target, O_WRONLY | O_TRUNC | O_CREAT, 0o644)
                        if fd >= 0 { _ = write(fd, "forged", 6); close(fd) }
                    }
                    _exit(0)
                }
                """#,
            // Close the reply descriptor and sleep: the judge must not wait for ever.
            "silent": "    close(4); sleep(1000)",
            // Swap the request descriptor: the judge's writes must not block for ever.
            "swap": #"    let fd = open("/dev/null", O_RDONLY); dup2(fd, 3); sleep(1000)"#,
            // Processes without end, then back to work.
            "forkbomb": #"""
                for _ in 0..<2000 {
                    let pid = fork()
                    if pid == 0 { while true { sleep(1) } }
                    if pid < 0 { break }
                }
                """#,
            // "Not started" written by hand, then a crash.
            "faketodo": #"""
                FileHandle.standardError.write(Data("Sources/Exercises/ReLU.swift:1: Fatal error: TODO(BackpropLab) relu: forward(_:) is not implemented yet\n".utf8))
                fatalError("boom")
                """#,
            // Paint the TA's terminal and show the environment.
            "painter": #"    print("\u{1B}[2J\u{1B}[1;32mALL CHECKS PASSED 106/106\u{202E}", ProcessInfo.processInfo.environment)"#,
        ]

        @Test("honest students score as when graded alone; no attack earns more than its honest code; reports stay as written")
        func classOfAttacks() throws {
            var grader = try StaffGradingTests.grader.get()
            grader.timeout = 3
            let reference = grader.staging.workspace.workerExecutable("solutions").path
            let root = try StaffSupport.folder([:], named: "attacks")
            let submissions = root.appendingPathComponent("class"), output = root.appendingPathComponent("grades")
            var files = ["alice/ReLU.swift": StaffSupport.correctReLU, "alice/Affine.swift": StaffSupport.correctAffine]
            for (student, attack) in Self.attacks {
                files["\(student)/ReLU.swift"] = Self.relu(attack: attack
                    .replacingOccurrences(of: "REFERENCE", with: reference).replacingOccurrences(of: "OUT", with: output.path))
            }
            for (path, text) in files {
                let url = submissions.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            let honest = try grader.grade(try StaffSupport.folder(["Sources/Exercises/ReLU.swift": Self.relu(attack: "")], named: "plain"))
            let alice = try grader.grade(submissions.appendingPathComponent("alice"))

            let grading = ClassGrading(grader: grader, submissions: submissions, output: output)
            let started = Date()
            let first = try ClassGradingTests.run(grading)
            let reports = Dictionary(uniqueKeysWithValues: first.reports.map { ($0.student, $0) })
            #expect(reports["alice"]?.points == alice.points)
            for student in Self.attacks.keys.sorted() {
                let report = try #require(reports[student])
                #expect(report.compileFailures.isEmpty, "\(student)'s attack did not compile: \(report.compileFailures)")
                #expect(report.points <= honest.points, "\(student) earned \(report.points), its honest code \(honest.points)")
            }
            let forward = try #require(reports["faketodo"]?.report.exercises.first { $0.name == "relu" }?.checks.first)
            #expect(forward.status == .crashed, "a TODO line printed by the student is not 'not started'")
            let painted = try #require(reports["painter"]).text()
            #expect(!painted.contains("\u{1B}") && !painted.contains("\u{202E}"))
            #expect(!painted.contains("HOME=/root") && !painted.contains(StaffSupport.buildFolder.path))
            // Every grading ended within the time the attacks allow: two time-outs of 3 s
            // (and a moment to reap) per stalling student, not their sleep(1000).
            #expect(Date().timeIntervalSince(started) < 600)

            // Anything left running would rewrite the reports after 4 s.
            Thread.sleep(forTimeInterval: 6)
            let scores = try String(contentsOf: output.appendingPathComponent("scores.csv"), encoding: .utf8)
            #expect(scores.hasPrefix("student,"), "scores.csv was rewritten: \(scores.prefix(40))")
            let second = try ClassGradingTests.run(grading)
            #expect(second.progress.contains("Skipping \(Self.attacks.count + 1) submissions graded before (--force grades them again)."),
                    "\(second.progress)")
            #expect(second.reports.map(\.points) == first.reports.map(\.points))
        }
    }
}
#endif
