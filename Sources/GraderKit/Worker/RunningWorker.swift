#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Curriculum
import Foundation
import WorkerKit
import WorkerSandbox

/// One worker started through the launcher: its pipes, its captured output, and what
/// the launcher said about it. Every wait on it has a deadline.
final class RunningWorker {
    /// The launcher's pid, a child of the judge.
    let launcher: pid_t
    var requestFD: Int32
    var replyFD: Int32
    var statusFD: Int32
    let outputFile: URL
    let errorFile: URL
    /// What the launcher has written on the status pipe so far.
    var statusBytes: [UInt8] = []
    var statusClosed = false
    var reaped = false

    /// How the worker ended, as far as the judge knows.
    struct End {
        /// The protections it had (`nil` if it never got as far as exec).
        var protections: Set<Protection>?
        /// Its raw wait status, when the launcher saw it end.
        var status: Int32?
        /// Whether its cgroup killed a process for memory.
        var outOfMemory = false
        /// Why the launcher could not start it, if it could not.
        var failure: String?
        /// Whether it ended without being killed by the judge.
        var endedByItself = false
    }

    // MARK: - Starting

    /// Starts `worker` through `launcher` with descriptors 0–5 in place.
    /// - Throws: ``WorkerFailure/infrastructure(_:)`` when files, pipes or the spawn fail.
    init(launcher path: URL, worker: URL, arguments: [String], policy: SandboxPolicy,
         capture: (output: URL, error: URL)) throws(WorkerFailure) {
        WorkerProcess.spawning.lock()
        defer { WorkerProcess.spawning.unlock() }
        let outFD = open(capture.output.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let errFD = open(capture.error.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard outFD >= 0, errFD >= 0, let request = RunningWorker.makePipe(), let reply = RunningWorker.makePipe(),
              let status = RunningWorker.makePipe() else {
            throw .infrastructure("cannot create pipes or files for the worker: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outFD, 1)
        posix_spawn_file_actions_adddup2(&actions, errFD, 2)
        posix_spawn_file_actions_adddup2(&actions, request.read, WorkerMain.requestDescriptor)
        posix_spawn_file_actions_adddup2(&actions, reply.write, WorkerMain.replyDescriptor)
        posix_spawn_file_actions_adddup2(&actions, status.write, LauncherMessage.descriptor)

        let argv = ([path.path] + policy.arguments + ["--", worker.path] + arguments).map { strdup($0) } + [nil]
        var environment = ["SWIFT_BACKTRACE=enable=no"]   // a crash report in ms, not seconds
        if let libraries = ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"] {
            environment.append("LD_LIBRARY_PATH=\(libraries)")
        }
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        // The launcher starts with no signal blocked and every signal at its default,
        // whatever thread spawns it: Dispatch's threads block signals, and a blocked
        // SIGXFSZ would let the output limit fail writes silently instead.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), defaults = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let result = posix_spawn(&child, path.path, &actions, &attributes, argv, envp)
        [outFD, errFD, request.read, reply.write, status.write].forEach { close($0) }
        guard result == 0 else {
            [request.write, reply.read, status.read].forEach { close($0) }
            throw .infrastructure("cannot start \(path.path): \(String(cString: strerror(result)))")
        }
        launcher = child
        requestFD = request.write
        replyFD = reply.read
        statusFD = status.read
        outputFile = capture.output
        errorFile = capture.error
        for fd in [requestFD, statusFD] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    /// A pipe whose ends close on exec, moved above the descriptors the launcher
    /// expects (0–5). Made under ``WorkerProcess/spawning`` (as is every spawn), so that
    /// a worker another thread spawns meanwhile cannot inherit them: it would keep this
    /// worker's pipe open after its death, turning a crash into a time-out.
    private static func makePipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        let moved = ends.map { fd in
            let high = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            close(fd)
            return high
        }
        return (moved[0], moved[1])
    }

    // MARK: - Talking

    enum Sent { case done, timedOut, closed }

    /// Writes all of `bytes` to the worker's request pipe before `deadline`.
    func send(_ bytes: [UInt8], before deadline: Date) -> Sent {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { write(requestFD, $0.baseAddress! + sent, $0.count - sent) }
            if n > 0 { sent += n; continue }
            if n < 0 && errno == EINTR { continue }
            guard n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) else { return .closed }
            switch wait(for: requestFD, events: POLLOUT, before: deadline) {
            case .ready: continue
            case .timedOut: return .timedOut
            }
        }
        return .done
    }

    enum Received {
        case frame([UInt8])
        /// The worker's own report that a stub's `TODO` stopped it.
        case notStarted(exercise: String, function: String)
        case timedOut
        case closed
        case malformed(String)
    }

    /// Reads one frame of replies (or a `TODO` report) before `deadline`.
    func receiveFrame(before deadline: Date) -> Received {
        let header: [UInt8]
        switch readBytes(4, before: deadline) {
        case .bytes(let bytes): header = bytes
        case .timedOut: return .timedOut
        case .closed: return .closed
        }
        if header == TODOMarker.frameTag {
            guard case .bytes(let size) = readBytes(4, before: deadline) else { return .closed }
            let length = size.reversed().reduce(0) { $0 << 8 | Int($1) }
            guard length <= TODOMarker.maximumLength, case .bytes(let text) = readBytes(length, before: deadline),
                  let (exercise, function) = TODOMarker.decode(text) else {
                return .malformed("a malformed TODO report")
            }
            return .notStarted(exercise: exercise, function: function)
        }
        let length = header.reversed().reduce(0) { $0 << 8 | Int($1) }
        guard length <= WireCodec.maximumFrameSize else { return .malformed("a frame of \(length) bytes") }
        switch readBytes(length, before: deadline) {
        case .bytes(let payload): return .frame(payload)
        case .timedOut: return .timedOut
        case .closed: return .closed
        }
    }

    private enum Read { case bytes([UInt8]), timedOut, closed }

    private func readBytes(_ count: Int, before deadline: Date) -> Read {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            if case .timedOut = wait(for: replyFD, events: POLLIN, before: deadline) { return .timedOut }
            let n = buffer.withUnsafeMutableBytes { read(replyFD, $0.baseAddress! + filled, count - filled) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return .closed }
            filled += n
        }
        return .bytes(buffer)
    }

    private enum Readiness { case ready, timedOut }

    /// Waits until `fd` is ready for `events` (or has hung up), or `deadline` passes.
    private func wait(for fd: Int32, events: Int32, before deadline: Date) -> Readiness {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timedOut }
            var poller = pollfd(fd: fd, events: Int16(events), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining * 1000, 1_000_000)) + 1)
            if ready > 0 { return .ready }
            if ready < 0 && errno != EINTR { return .ready }   // let the read or write report it
        }
    }
}
