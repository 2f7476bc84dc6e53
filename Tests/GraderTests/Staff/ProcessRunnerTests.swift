#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import GraderKit
@testable import StaffKit

/// Builds and unzip run under ``ProcessRunner``: bounded in time, and nothing they
/// start outlives them.
@Suite("Running build tools")
struct ProcessRunnerTests {
    /// Runs `script` with /bin/sh; returns the outcome and the pids it wrote to `pids`.
    static func run(_ script: String, timeLimit: Double) throws -> (ProcessRunner.Outcome, [pid_t], Double) {
        let folder = try StaffSupport.folder([:], named: "runner")
        let pids = folder.appendingPathComponent("pids")
        let started = Date()
        let outcome = try ProcessRunner(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script, "sh", pids.path],
                                        timeLimit: timeLimit).run()
        let written = (try? String(contentsOf: pids, encoding: .utf8)) ?? ""
        return (outcome, written.split(separator: "\n").compactMap { pid_t($0) }, Date().timeIntervalSince(started))
    }

    /// Whether a process is gone (or a zombie, already dead).
    static func isGone(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return true }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    @Test("at the time limit the whole session is killed, children in process groups of their own included")
    func timeOutKillsTheSession() throws {
        // Like swift-build, whose compiler processes each get a process group.
        let (outcome, pids, seconds) = try Self.run(
            "set -m; sleep 300 & echo $! >> \"$1\"; sleep 300 & echo $! >> \"$1\"; echo started; wait", timeLimit: 1)
        #expect(outcome.timedOut)
        #expect(outcome.output.contains("started"))
        #expect(seconds < 10)
        try #require(pids.count == 2)
        #expect(outcome.runningAtTimeOut.contains { $0.first == "sleep" })
        usleep(100_000)
        #expect(pids.allSatisfy(Self.isGone))
    }

    @Test("what a program leaves running in its session when it ends is killed too, and not waited for")
    func leftoversAreKilled() throws {
        let (outcome, pids, seconds) = try Self.run("sleep 300 & echo $! >> \"$1\"; echo done", timeLimit: 60)
        #expect(!outcome.timedOut && outcome.status == 0)
        #expect(outcome.output == "done\n")
        #expect(seconds < 10)
        try #require(pids.count == 1)
        usleep(100_000)
        #expect(Self.isGone(pids[0]))
    }

    @Test("output past the limit is dropped, and with stopAtOutputLimit the program is stopped")
    func outputLimit() throws {
        let endless = ProcessRunner(executable: URL(fileURLWithPath: "/usr/bin/yes"), arguments: [], timeLimit: 30,
                                    outputLimit: 1000, stopAtOutputLimit: true)
        let outcome = try endless.run()
        #expect(outcome.overflowed && !outcome.timedOut)
        #expect(outcome.data.count == 1000)
    }
}
