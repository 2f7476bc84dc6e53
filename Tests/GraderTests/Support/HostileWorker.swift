#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TensorKit
import WorkerKit
@testable import GraderKit

/// FaultyWorker running one of its attacks (see Tests/FaultyWorker/Attack.swift) in
/// relu's forward pass, and what tests check afterwards: which processes and files the
/// attack left behind.
struct HostileWorker {
    let attack: String
    /// Names the attack's processes `bpl-<tag>`; unique per test.
    let tag = String(UUID().uuidString.prefix(8)).lowercased()
    var path: String?
    var timeout: Double = 2
    var memoryLimitMB = 1024
    var isolate = true
    /// The worker executable; FaultyWorker when `nil`.
    var executable: URL?
    /// The user it runs as when the tests run as root (`nil`: `nobody`, as the judge's).
    var user: UInt32?

    /// A user of the fork bomb's own: as `nobody` it would hold every process `nobody`
    /// may have while it lives, and every other test's worker would fail to start
    /// meanwhile ("Resource temporarily unavailable"). Unused by any system (the range
    /// of `JudgingSlots`, past its slots).
    static let bombUser: UInt32 = 1_879_049_000

    /// The worker process, not started yet.
    func process() throws -> WorkerProcess {
        let executable = try self.executable ?? BuiltProducts.require("FaultyWorker")
        var arguments = ["--attack", attack, "--tag", tag]
        if let path { arguments += ["--path", path] }
        var configuration = WorkerConfiguration(executable: executable, arguments: arguments, timeout: timeout,
                                                memoryLimitMB: memoryLimitMB, isolate: isolate, user: user)
        configuration.lanes = 1   // one worker, with the whole memory limit
        return WorkerProcess(configuration)
    }

    /// A relu forward request for a `count`-element input.
    static func request(count: Int = 6) -> WorkerRequest {
        WorkerRequest("relu.forward", tensors: ["x": Tensor.arange(0, Double(count), step: 1) - 3])
    }

    /// Runs one request through a fresh worker, stops it, and returns what happened,
    /// how long it took, and the worker's protections and printed output.
    func run(_ request: WorkerRequest = HostileWorker.request()) throws
        -> (result: Result<WorkerReply, WorkerFailure>, seconds: Double, process: WorkerProcess) {
        let worker = try process()
        let start = Date()
        let result = Result { () throws(WorkerFailure) in try worker.evaluate(request) }
        worker.stop()
        return (result, Date().timeIntervalSince(start), worker)
    }

    /// The pids of live processes named `bpl-<tag>` (zombies count as dead).
    func survivors() -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                  let comm = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8),
                  comm.trimmingCharacters(in: .whitespacesAndNewlines) == "bpl-\(tag)",
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  !stat.contains(") Z ") else { return nil }
            return pid
        }
    }

    /// Waits up to a second for the attack's processes to appear; `false` if none did.
    func waitForSurvivors() -> Bool {
        let deadline = Date().addingTimeInterval(1)
        while survivors().isEmpty {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    /// Kills what `survivors()` found, so a failing test leaves nothing behind.
    func killSurvivors() {
        for pid in survivors() { kill(pid, SIGKILL) }
    }

    /// Whether the tests run as root, where the full sandbox is available.
    static var isRoot: Bool { geteuid() == 0 }

    /// Files in the temporary folder whose names start with `prefix`.
    static func temporaryFiles(prefix: String) -> [String] {
        let folder = FileManager.default.temporaryDirectory.path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(prefix) }
    }
}

extension Result where Failure == WorkerFailure {
    /// The reason of a crash, or `nil` (with an issue recorded) for any other outcome.
    func crashReason(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        guard case .failure(.crashed(let reason, _)) = self else {
            Issue.record("expected a crash, got \(self)", sourceLocation: sourceLocation)
            return nil
        }
        return reason
    }
}

extension BuiltProducts {
    /// The built executable `name`, or a failure naming it.
    static func require(_ name: String) throws -> URL {
        guard let url = executable(name) else { throw MissingProduct(name: name) }
        return url
    }

    struct MissingProduct: Error, CustomStringConvertible {
        var name: String
        var description: String { "\(name) was not built next to the tests" }
    }
}
