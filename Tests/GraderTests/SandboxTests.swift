#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import WorkerSandbox
import TensorKit
import WorkerKit
@testable import GraderKit

/// The worker's sandbox against student code that attacks it (FaultyWorker's
/// `--attack`s): every attack ends within a bound, is labelled as what it is, and
/// leaves no process and no file behind. Protections that need root are checked as
/// root; without root, the report must say they were not in force.
@Suite("The sandbox holds against hostile student code", .serialized)
struct SandboxTests {
    @Test("the worker cannot run the reference worker kept in a staff-only folder")
    func cannotExecTheReference() throws {
        let staffOnly = try StaffOnlyFolder()
        let reference = staffOnly.url.appendingPathComponent("grader-worker-solutions")
        try FileManager.default.copyItem(at: try BuiltProducts.require("FaultyWorker"), to: reference)
        let attack = HostileWorker(attack: "exec-reference", path: reference.path)
        let (result, _, worker) = try attack.run()
        if HostileWorker.isRoot {
            guard let reason = result.crashReason() else { return }
            #expect(reason.contains("cannot exec"))
            #expect(worker.protections?.contains(.unprivilegedUser) == true)
        } else {
            #expect(worker.protections?.contains(.unprivilegedUser) == false)
        }
    }

    @Test("the worker cannot see the course checkout, where the reference worker is built")
    func checkoutIsHidden() throws {
        let reference = BuiltProducts.checkout.appendingPathComponent(".build/debug/FaultyWorker")
        let (result, _, worker) = try HostileWorker(attack: "exec-reference", path: reference.path).run()
        if HostileWorker.isRoot {
            guard let reason = result.crashReason() else { return }
            #expect(reason.contains("No such file or directory"), "\(reason)")
            #expect(worker.protections?.contains(.hiddenFolders) == true)
        } else {
            #expect(worker.protections?.contains(.hiddenFolders) == false)
        }
    }

    @Test("a detached daemon dies with the worker and writes nothing afterwards, isolated or not",
          arguments: [true, false])
    func daemonDiesWithTheWorker(isolated: Bool) throws {
        let folder = try WritableFolder()
        let attack = HostileWorker(attack: "daemon", path: folder.url.path, isolate: isolated)
        defer { attack.killSurvivors() }
        let worker = try attack.process()
        _ = try worker.evaluate(HostileWorker.request())
        #expect(attack.waitForSurvivors(), "the daemon did not start")
        let start = Date()
        worker.stop()
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(attack.survivors().isEmpty, "the daemon outlived the worker")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).count
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).count == written,
                "something still writes into the folder after the worker was stopped")
        #expect(worker.protections?.contains(.leftoversKilled) == true)
    }

    @Test("when the judge goes away, the launcher kills the worker and everything it started")
    func judgeDeathKillsTheWorker() throws {
        let attack = HostileWorker(attack: "memory-child")
        defer { attack.killSurvivors() }
        let worker = try attack.process()
        _ = try worker.evaluate(HostileWorker.request())
        #expect(attack.waitForSurvivors(), "the child did not start")
        let running = try #require(worker.lanes[0])
        // The judge's end of the status pipe closes, as when the judge dies.
        close(running.statusFD)
        running.statusFD = -1
        let deadline = Date().addingTimeInterval(3)
        var status: Int32 = 0
        while waitpid(running.launcher, &status, WNOHANG) == 0 && Date() < deadline { usleep(2000) }
        #expect(Date() < deadline, "the launcher did not end")
        #expect(attack.survivors().isEmpty)
        close(running.requestFD)
        close(running.replyFD)
        worker.lanes[0] = nil   // its launcher is reaped already
    }

    @Test("a fork bomb is bounded by the process limits and killed as a whole")
    func forkBombIsBounded() throws {
        guard HostileWorker.isRoot else {
            // Without root no process limit binds: the report must say so (and the bomb
            // is not set off).
            let (_, _, worker) = try HostileWorker(attack: "read-environment").run()
            #expect(worker.protections?.contains(.pidsCgroup) == false)
            return
        }
        let attack = HostileWorker(attack: "fork-bomb", timeout: 3, user: HostileWorker.bombUser)
        defer { attack.killSurvivors() }
        let (result, seconds, worker) = try attack.run()
        guard case .failure(.timedOut) = result else {
            Issue.record("the bomb should hang until the time limit, got \(result)")
            return
        }
        #expect(seconds < 8)
        let forked = worker.output.split(separator: "\n").first { $0.hasPrefix("forked ") }
            .flatMap { Int($0.dropFirst("forked ".count)) }
        let count = try #require(forked, "the bomb did not report how many processes it started")
        #expect(count > 0 && count <= 256, "the bomb started \(count) processes")
        #expect(attack.survivors().isEmpty)
    }

    @Test("a child holding memory dies with the worker, isolated or not", arguments: [true, false])
    func memoryHolderDies(isolated: Bool) throws {
        let attack = HostileWorker(attack: "memory-child", isolate: isolated)
        defer { attack.killSurvivors() }
        let worker = try attack.process()
        _ = try worker.evaluate(HostileWorker.request())
        #expect(attack.waitForSurvivors(), "the child did not start")
        worker.stop()
        #expect(attack.survivors().isEmpty)
    }

    @Test("running out of memory says so, with the limit")
    func outOfMemoryIsNamed() throws {
        let (result, seconds, _) = try HostileWorker(attack: "memory-hog", timeout: 20, memoryLimitMB: 512).run()
        #expect(seconds < 20)
        guard let reason = result.crashReason() else { return }
        #expect(reason == "ran out of memory (limit 512 MiB)")
    }

    @Test("closing the reply descriptor and sleeping is a crash, found without waiting out the time limit")
    func closedReplyIsACrash() throws {
        let (result, seconds, _) = try HostileWorker(attack: "close-reply", timeout: 30).run()
        #expect(seconds < 5)
        guard let reason = result.crashReason() else { return }
        #expect(reason.contains("closed its reply descriptor"))
    }

    @Test("swapping the request descriptor cannot block the judge's write past the time limit")
    func swappedRequestTimesOut() throws {
        let worker = try HostileWorker(attack: "swap-request", timeout: 2).process()
        defer { worker.stop() }
        _ = try worker.evaluate(HostileWorker.request())   // the worker swaps fd 3, then answers
        let start = Date()
        // 8 MB of request: far more than a pipe holds.
        let big = WorkerRequest("relu.forward", tensors: ["x": Tensor.arange(0, 1_000_000, step: 1)])
        #expect(throws: WorkerFailure.timedOut(seconds: 2)) { try worker.evaluate(big) }
        #expect(Date().timeIntervalSince(start) < 6)
    }

    @Test("a TODO message printed on standard error before a crash is a crash, not 'not started'")
    func fakeTODOIsACrash() throws {
        let (result, _, _) = try HostileWorker(attack: "fake-todo").run()
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure, got \(result)")
            return
        }
        if case .notStarted = failure { Issue.record("standard error decided the label: \(failure)") }
        guard case .crashed = failure else {
            Issue.record("expected a crash, got \(failure)")
            return
        }
    }

    @Test("files the worker leaves in /tmp do not outlive it, and the judge leaves none of its own")
    func nothingLeftInTmp() throws {
        let attack = HostileWorker(attack: "leave-tmp")
        let left = "/tmp/bpl-\(attack.tag)"
        defer { try? FileManager.default.removeItem(atPath: left) }
        let (result, _, worker) = try attack.run()
        #expect(throws: Never.self) { try result.get() }
        if HostileWorker.isRoot {
            #expect(!FileManager.default.fileExists(atPath: left))
            #expect(worker.protections?.contains(.privateTmp) == true)
        } else {
            #expect(worker.protections?.contains(.privateTmp) == false)
        }
        #expect(HostileWorker.temporaryFiles(prefix: "backproplab-worker-\(getpid())-").isEmpty)
    }

    @Test("the judge's private folder goes with its worker process")
    func privateFolderIsRemoved() throws {
        var worker: WorkerProcess? = try HostileWorker(attack: "read-environment").process()
        _ = try worker?.evaluate(HostileWorker.request())
        let folder = try #require(worker?.folder?.root)
        #expect(FileManager.default.fileExists(atPath: folder.path))
        worker = nil
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("the worker sees none of the judge's environment")
    func environmentIsEmpty() throws {
        setenv("BACKPROPLAB_TEST_SECRET", "staff-only-value", 1)
        defer { unsetenv("BACKPROPLAB_TEST_SECRET") }
        let (result, _, worker) = try HostileWorker(attack: "read-environment").run()
        #expect(throws: Never.self) { try result.get() }
        #expect(worker.output.contains("SWIFT_BACKTRACE=enable=no"), "the attack did not print its environment")
        #expect(!worker.output.contains("staff-only-value"))
        #expect(!worker.output.contains("PATH=/"))
        #expect(worker.protections?.contains(.emptyEnvironment) == true)
    }

    @Test("the worker starts with descriptors 0 to 4 only", arguments: [true, false])
    func onlyFiveDescriptors(isolated: Bool) throws {
        // `ls` as the worker lists its own descriptors: 0–4, and the one it reads the
        // listing through, which takes the lowest free number. A descriptor the judge
        // left inheritable must not reach it.
        let leaked = open("/dev/null", O_RDONLY)
        defer { close(leaked) }
        let ls = URL(fileURLWithPath: "/bin/ls")
        let worker = WorkerProcess(WorkerConfiguration(executable: ls, arguments: ["-1", "/proc/self/fd"],
                                                       timeout: 5, isolate: isolated))
        #expect(throws: WorkerFailure.self) { try worker.evaluate(HostileWorker.request()) }
        let listed = worker.output.split(separator: "\n").compactMap { Int($0) }
        #expect(listed == [0, 1, 2, 3, 4, 5], "open descriptors: \(listed)")
        #expect(worker.protections?.contains(.closedDescriptors) == true)
    }

    @Test("a worker executable busy for a moment (held for writing by a process starting elsewhere) still starts")
    func brieflyBusyExecutableStarts() throws {
        let busy = try BusyExecutable()
        // A thread of its own: the global queue's threads may all be busy with tests.
        Thread {
            Thread.sleep(forTimeInterval: 0.2)
            busy.release()
        }.start()
        let (result, _, _) = try busy.run()
        #expect(throws: Never.self) { try result.get() }
    }

    @Test("a worker executable that stays busy is reported as busy after a bounded wait")
    func busyExecutableIsNamed() throws {
        let busy = try BusyExecutable()
        defer { busy.release() }
        let (result, seconds, _) = try busy.run()
        #expect(seconds < 3)
        #expect(throws: WorkerFailure.infrastructure("cannot start the worker \(busy.url.path): Text file busy")) {
            try result.get()
        }
    }

    @Test("a root-only file is unreadable to the worker when the grader is root")
    func rootOnlyFileIsUnreadable() throws {
        let staffOnly = try StaffOnlyFolder()
        let secret = staffOnly.url.appendingPathComponent("hidden-values.txt")
        try Data("hidden fixture values".utf8).write(to: secret)
        let (_, _, worker) = try HostileWorker(attack: "read-file", path: secret.path).run()
        if HostileWorker.isRoot {
            #expect(worker.output.contains("denied"))
            #expect(!worker.output.contains("hidden fixture values"))
        } else {
            #expect(worker.protections?.contains(.unprivilegedUser) == false)
        }
    }

    @Test("every protection is in force as root; without isolation the report names what is not")
    func reportNamesTheProtections() throws {
        let (_, _, isolated) = try HostileWorker(attack: "read-environment").run()
        let report = SandboxReport(enforced: try #require(isolated.protections))
        if HostileWorker.isRoot {
            #expect(report.notEnforced.isEmpty, "not in force as root: \(report.notEnforced)")
        }
        let (_, _, plain) = try HostileWorker(attack: "read-environment", isolate: false).run()
        let unisolated = SandboxReport(enforced: try #require(plain.protections))
        for protection in [Protection.unprivilegedUser, .pidNamespace, .privateTmp, .memoryCgroup, .pidsCgroup] {
            #expect(unisolated.notEnforced.contains(protection))
        }
        #expect(unisolated.enforced.contains(.resourceLimits))
        #expect(unisolated.summary.hasPrefix("Sandbox: not in force: "))
    }
}

/// A fresh folder only its owner can enter (0700), removed afterwards. Outside /tmp,
/// so that the worker's private /tmp does not hide it: only its user keeps it out.
final class StaffOnlyFolder {
    let url = URL(fileURLWithPath: "/var/tmp").appendingPathComponent("bpl-staff-\(UUID().uuidString)")
    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A fresh folder anyone may write into (0777), removed afterwards.
final class WritableFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("bpl-writable-\(UUID().uuidString)")
    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        chmod(url.path, 0o777)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A copy of FaultyWorker this process holds open for writing until `release()`: what
/// a process forked elsewhere in the judge while the copy was written would do. Run
/// without isolation, so that the launcher executes this file rather than a copy.
final class BusyExecutable: @unchecked Sendable {
    let url = ScratchFolders.url("busy-worker").appendingPathComponent("FaultyWorker")
    private let lock = NSLock()
    private var writer: Int32

    init() throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Copied as the judge copies a worker (close-on-exec): `FileManager.copyItem`
        // would leave the copy open for writing in whatever another test forks meanwhile.
        try WorkerProcess.copyExecutable(try BuiltProducts.require("FaultyWorker"), to: url, mode: 0o755)
        writer = open(url.path, O_WRONLY | O_CLOEXEC)
        guard writer >= 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Closes the writing descriptor (once).
    func release() {
        lock.withLock {
            if writer >= 0 { close(writer) }
            writer = -1
        }
    }

    /// Runs the "read-environment" attack (an ordinary answer) from this executable.
    func run() throws -> (result: Result<WorkerReply, WorkerFailure>, seconds: Double, process: WorkerProcess) {
        try HostileWorker(attack: "read-environment", timeout: 5, isolate: false, executable: url).run()
    }

    deinit {
        release()
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }
}
