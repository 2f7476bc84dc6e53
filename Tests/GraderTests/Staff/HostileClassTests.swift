// Grading with fresh fixtures needs the reference solutions: author's edition only.
#if AUTHOR_EDITION
import Foundation
import Testing
@testable import GraderKit
@testable import StaffKit

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

        /// Right, but its first forward pass prints its user id and the time, then waits
        /// 60 s: the next student is built and judged meanwhile.
        static let lingeringReLU = relu(attack: #"""
                FileHandle.standardOutput.write(Data("amy uid=\(getuid()) t=\(Date().timeIntervalSince1970)\n".utf8))
                sleep(60)
            """#).replacingOccurrences(of: "{ dout }", with: "{ dout * (cache.x .> 0) }")

        /// Lists the users of every process it can see, kills every one it may, and
        /// prints what it saw.
        static let spyingReLU = relu(attack: #"""
                var users: Set<String> = []
                for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int(entry) != nil {
                    let status = (try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8)) ?? ""
                    if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }) {
                        users.insert(String(line.split(separator: "\t")[1]))
                    }
                }
                let killed = kill(-1, SIGKILL)
                FileHandle.standardOutput.write(Data(
                    "zoe uid=\(getuid()) t=\(Date().timeIntervalSince1970) saw=\(users.sorted().joined(separator: ",")) kill=\(killed)\n".utf8))
            """#)

        @Test("at --jobs 2 two students judged at once run as two users, and one cannot see or kill the other's worker",
              .enabled(if: HostileWorker.isRoot))
        func concurrentWorkers() throws {
            var grader = try StaffGradingTests.grader.get()
            grader.timeout = 90
            let submissions = try StaffSupport.folder(["amy/ReLU.swift": Self.lingeringReLU, "zoe/ReLU.swift": Self.spyingReLU],
                                                      named: "class")
            let grading = ClassGrading(grader: grader, submissions: submissions,
                                       output: submissions.deletingLastPathComponent().appendingPathComponent("grades"), jobs: 2)
            let reports = try ClassGradingTests.run(grading).reports
            let amy = try #require(reports.first { $0.student == "amy" }), zoe = try #require(reports.first { $0.student == "zoe" })
            #expect(amy.compileFailures.isEmpty && zoe.compileFailures.isEmpty, "\(amy.compileFailures) \(zoe.compileFailures)")
            let relu = try StaffGradingTests.exercise("relu", in: amy)
            #expect(relu.points == relu.maxPoints, "amy's ReLU is right, and lost points next to zoe: \(relu.checks)")

            func field(_ name: String, in output: String) -> String? {
                output.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
            }
            let amyUser = try #require(field("uid", in: amy.report.output), "amy printed: \(amy.report.output)")
            let zoeUser = try #require(field("uid", in: zoe.report.output), "zoe printed: \(zoe.report.output)")
            let slots = [JudgingSlots.user(of: 0), JudgingSlots.user(of: 1)].map(String.init)
            let amyStart = try #require(field("t", in: amy.report.output).flatMap(Double.init))
            let zoeTime = try #require(field("t", in: zoe.report.output).flatMap(Double.init))
            #expect(zoeTime > amyStart && zoeTime < amyStart + 60, "zoe ran \(zoeTime - amyStart) s after amy started: not while amy waited")
            #expect(Set([amyUser, zoeUser]) == Set(slots), "amy ran as \(amyUser), zoe as \(zoeUser)")
            let seen = field("saw", in: zoe.report.output)?.split(separator: ",").map(String.init) ?? []
            #expect(seen.contains(zoeUser), "zoe's look at /proc did not even find itself: \(seen)")
            #expect(!seen.contains(amyUser), "zoe saw a process of amy's user: \(seen)")
        }
    }
}
#endif
