// Reuses the class of attacks (author's edition only).
#if AUTHOR_EDITION
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import GraderKit
@testable import StaffKit

/// Issue 10's run without root: the real `grader grade` and `grade-all`, run by an
/// unprivileged user on a class of attacks. The test runs as root (CI does) and starts
/// the grader with `setpriv` as a user id of its own, which owns a copy of the course
/// and of the grader's executables in a temporary folder; every process of the run
/// therefore has that user id, and the test finds what is left of them by it.
///
/// What it covers: the protections an unprivileged grader has (process groups, limits,
/// the launcher as subreaper, budgets, sealed reports) against the attacks that do not
/// need the worker to be another user. Without root a worker *can* read what the
/// grader's user can read: it could run the reference worker (no fresh fixtures are
/// built here, so there is none) or edit the reports folder while it runs. That is not
/// defended, and every report must say so.
@Suite("Grading without root")
struct UnprivilegedGradingTests {
    /// What the docs' "Linux, not root" column marks as not in force, in the order of
    /// `Protection`.
    static let notInForce = "process-limit, unprivileged-user, pid-namespace, private-tmp, hidden-folders, memory-cgroup, pids-cgroup"

    /// The attacks of the class, but `exec` (without root the worker may run anything
    /// the grader's user may: it is not defended, and the report says so).
    static var attacks: [String: String] {
        StaffGradingTests.HostileClassTests.attacks.filter { $0.key != "exec" }
    }

    @Test("grade-all as an unprivileged user: every report names what was not in force, honest students score as alone, no attack earns more than its honest code, reports stay sealed, nothing is left running",
          .enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")),
          .timeLimit(.minutes(30)))
    func gradeAllWithoutRoot() throws {
        let run = try UnprivilegedRun()
        defer { run.cleanUp() }
        var files = ["alice/ReLU.swift": StaffSupport.correctReLU, "alice/Affine.swift": StaffSupport.correctAffine,
                     "plain/ReLU.swift": StaffGradingTests.HostileClassTests.relu(attack: "")]
        for (student, attack) in Self.attacks {
            files["\(student)/ReLU.swift"] = StaffGradingTests.HostileClassTests.relu(
                attack: attack.replacingOccurrences(of: "OUT", with: run.folder("grades").path))
        }
        try run.write(files, under: "class")
        let options = ["--no-fresh", "--timeout", "3", "--budget", "60"]

        for honest in ["alice", "plain"] {
            let alone = try run.grader(["grade", run.folder("class/\(honest)").path, "--out", run.folder("alone").path] + options)
            #expect(alone.status == 0 || alone.status == 1, "\(alone.output)")
        }
        let first = try run.grader(["grade-all", run.folder("class").path, "--out", run.folder("grades").path] + options)
        #expect(first.status == 0 || first.status == 1, "\(first.output)")

        let alone = try ["alice", "plain"].map { try run.report($0, in: "alone") }
        let reports = try Dictionary(uniqueKeysWithValues: (["alice", "plain"] + Self.attacks.keys).map {
            ($0, try run.report($0, in: "grades"))
        })
        #expect(reports["alice"]?.points == alone[0].points, "alice in the class of attacks, and alone")
        #expect(reports["plain"]?.points == alone[1].points, "plain in the class of attacks, and alone")
        for student in Self.attacks.keys.sorted() {
            let report = try #require(reports[student])
            #expect(report.compileFailures.isEmpty, "\(student)'s attack did not compile: \(report.compileFailures)")
            #expect(report.points <= alone[1].points, "\(student) earned \(report.points), its honest code \(alone[1].points)")
            // The stalling attacks sleep 1000 s: their grading ends with the time limits.
            #expect(report.seconds < 300, "\(student) took \(report.seconds) s")
        }
        let forward = try #require(reports["faketodo"]?.report.exercises.first { $0.name == "relu" }?.checks.first)
        #expect(forward.status == .crashed, "a TODO line printed by the student is not 'not started'")
        for (student, report) in reports {
            #expect(report.report.sandbox?.notEnforced.map(\.rawValue).joined(separator: ", ") == Self.notInForce, "\(student)")
            let text = try String(contentsOf: run.folder("grades/\(student).txt"), encoding: .utf8)
            #expect(text.contains("Sandbox: not in force: \(Self.notInForce) (these need the grader to run as root)."),
                    "\(student)'s report does not say what was not in force")
        }

        // The daemon would rewrite alice.json and scores.csv 4 s after it started.
        Thread.sleep(forTimeInterval: 6)
        let scores = try String(contentsOf: run.folder("grades/scores.csv"), encoding: .utf8)
        #expect(scores.hasPrefix("student,"), "scores.csv was rewritten: \(scores.prefix(40))")
        #expect(run.processes().isEmpty, "left running by the run: \(run.processes())")
        let second = try run.grader(["grade-all", run.folder("class").path, "--out", run.folder("grades").path] + options)
        #expect(second.output.contains("Skipping \(reports.count) submissions graded before"), "a report did not verify: \(second.output)")
        #expect(try String(contentsOf: run.folder("grades/scores.csv"), encoding: .utf8) == scores)
    }
}

/// A temporary folder owned by a user id of its own (not in /etc/passwd, unused by
/// anyone else: in the range systemd leaves unused, 1879048192–2147483647, derived
/// from the test's pid), holding a copy of the course (without
/// the reference solutions and the mistakes) and of `grader` and `grader-launcher`,
/// and the commands run as that user.
struct UnprivilegedRun {
    let uid = uid_t(1_879_148_192 + Int(getpid()) % 1_000_000)
    let root = URL(fileURLWithPath: "/tmp").appendingPathComponent("backproplab-unprivileged-\(UUID().uuidString)")
    var checkout: URL { root.appendingPathComponent("course") }
    var bin: URL { root.appendingPathComponent("bin") }

    init() throws {
        let fm = FileManager.default
        let source = BuiltProducts.checkout
        for path in ["Package.swift", "assignments", "Sources", "Tests"] {
            try fm.createDirectory(at: checkout, withIntermediateDirectories: true)
            try fm.copyItem(at: source.appendingPathComponent(path), to: checkout.appendingPathComponent(path))
        }
        // Staff-only, and not needed without fresh fixtures; Tests/Data is no target's.
        for path in ["Sources/Solutions", "Sources/Mistakes", "Tests/Data"] {
            try? fm.removeItem(at: checkout.appendingPathComponent(path))
        }
        try fm.createDirectory(at: bin, withIntermediateDirectories: true)
        for product in ["grader", WorkerConfiguration.launcherProduct] {
            try fm.copyItem(at: try BuiltProducts.require(product), to: bin.appendingPathComponent(product))
        }
        for folder in ["home", "tmp"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        _ = chmod(root.path, 0o700)
        try giveAway(root)
    }

    /// `root/path`.
    func folder(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// Writes files (path → text) under `root/folder`, owned by the run's user.
    func write(_ files: [String: String], under folder: String) throws {
        for (path, text) in files {
            let url = self.folder(folder).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try giveAway(self.folder(folder))
    }

    /// Runs the copied grader as the run's user, with an environment of its own, at
    /// most 20 minutes (the first run builds the course).
    func grader(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let environment = ["PATH=/opt/swift/usr/bin:/usr/local/bin:/usr/bin:/bin", "HOME=\(folder("home").path)",
                           "TMPDIR=\(folder("tmp").path)", "NO_COLOR=1"]
        let command = ["-i", "-C", root.path] + environment
            + ["/usr/bin/setpriv", "--reuid", "\(uid)", "--regid", "\(uid)", "--clear-groups", "--",
               bin.appendingPathComponent("grader").path]
            + arguments + ["--package-path", checkout.path, "--build-dir", folder("build").path]
        let outcome = try ProcessRunner(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: command,
                                        timeLimit: 1200).run()
        #expect(!outcome.timedOut, "grader \(arguments.first ?? "") did not end within 20 minutes")
        return (outcome.status, outcome.output)
    }

    /// The JSON report of `student` in `root/folder`.
    func report(_ student: String, in folder: String) throws -> StaffReport {
        try JSONDecoder().decode(StaffReport.self, from: Data(contentsOf: self.folder("\(folder)/\(student).json")))
    }

    /// The live processes of the run's user (zombies count as dead).
    func processes() -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                  let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8),
                  let uids = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }),
                  uids.split(whereSeparator: \.isWhitespace).dropFirst().contains(where: { $0 == "\(uid)" }),
                  !status.contains("State:\tZ") else { return nil }
            return pid
        }
    }

    /// Kills what is left of the run's user (by pid: the user id is the test's own) and
    /// removes the folder.
    func cleanUp() {
        for pid in processes() { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: root)
    }

    /// Makes `url` and everything under it the run's user's.
    private func giveAway(_ url: URL) throws {
        _ = lchown(url.path, uid, uid)
        let walker = FileManager.default.enumerator(atPath: url.path)
        while let path = walker?.nextObject() as? String {
            _ = lchown(url.appendingPathComponent(path).path, uid, uid)
        }
    }
}
#endif
