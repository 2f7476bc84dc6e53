#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import WorkerKit

/// How to start a worker and what it may use.
public struct WorkerConfiguration: Sendable, Hashable {
    /// The `grader-worker` (or `grader-worker-solutions`) executable.
    public var executable: URL
    /// The longest one frame of requests may take, in seconds.
    public var timeout: Double
    /// The worker's address-space cap, in MiB.
    public var memoryLimitMB: Int
    /// The largest file the worker may write (its captured output), in MiB.
    public var fileLimitMB: Int
    /// More arguments for the worker (`--mistake ID` for the mistakes worker).
    public var arguments: [String]

    public init(executable: URL, arguments: [String] = [], timeout: Double = 10, memoryLimitMB: Int = 4096,
                fileLimitMB: Int = 16) {
        self.executable = executable
        self.arguments = arguments
        self.timeout = timeout
        self.memoryLimitMB = memoryLimitMB
        self.fileLimitMB = fileLimitMB
    }
}

/// The judge's end of a worker process: sends frames of requests, waits for the
/// replies within the time limit, and turns a death into a ``WorkerFailure``.
///
/// The worker is started on first use and again after every failure, so one crashing
/// exercise does not stop the others from being graded. Its standard output (whatever
/// the student's code prints) is collected as ``output``.
public final class WorkerProcess {
    public let configuration: WorkerConfiguration
    private var pid: pid_t = 0
    private var requestFD: Int32 = -1
    private var replyFD: Int32 = -1
    private var outputFile: URL?
    private var errorFile: URL?
    /// What the student's code printed to standard output, across all workers so far.
    public private(set) var output = ""

    public init(_ configuration: WorkerConfiguration) {
        self.configuration = configuration
        signal(SIGPIPE, SIG_IGN)   // a dead worker must not take the judge with it
    }

    deinit { stop() }

    /// Evaluates requests in the worker, in order.
    /// - Returns: one reply per request.
    /// - Throws: ``WorkerFailure`` when the worker died, hung or could not start; it is
    ///   restarted on the next call.
    public func evaluate(_ requests: [WorkerRequest]) throws(WorkerFailure) -> [WorkerReply] {
        if pid == 0 { try start() }
        let frame = WireCodec.frame(WireCodec.encode(requests))
        guard writeAll(frame) else { throw collapse(timedOut: false) }
        guard let header = readExactly(4) else { throw collapse(timedOut: readTimedOut) }
        let length = header.reversed().reduce(0) { $0 << 8 | Int($1) }
        guard length <= WireCodec.maximumFrameSize, let payload = readExactly(length) else {
            throw collapse(timedOut: readTimedOut)
        }
        do {
            let replies = try WireCodec.decodeReplies(payload)
            guard replies.count == requests.count else {
                stop()
                throw WorkerFailure.infrastructure("the worker sent \(replies.count) replies to \(requests.count) requests")
            }
            return replies
        } catch let error as WireError {
            stop()
            throw .infrastructure("unreadable reply from the worker: \(error)")
        } catch {
            throw error as! WorkerFailure
        }
    }

    /// Evaluates one request.
    public func evaluate(_ request: WorkerRequest) throws(WorkerFailure) -> WorkerReply {
        try evaluate([request])[0]
    }

    /// Ends the worker, if one is running.
    public func stop() {
        guard pid != 0 else { return }
        close(requestFD)
        close(replyFD)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        collectOutput()
        pid = 0
    }

    // MARK: - Starting

    private func start() throws(WorkerFailure) {
        let path = configuration.executable.path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw .infrastructure("no worker executable at \(path); build it with `swift build --product \(configuration.executable.lastPathComponent)`")
        }
        let temporary = FileManager.default.temporaryDirectory
        let tag = "backproplab-worker-\(getpid())-\(UUID().uuidString.prefix(8))"
        let out = temporary.appendingPathComponent(tag + ".out")
        let err = temporary.appendingPathComponent(tag + ".err")
        WorkerProcess.spawning.lock()
        defer { WorkerProcess.spawning.unlock() }
        let outFD = open(out.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let errFD = open(err.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        var requestPipe: [Int32] = [0, 0], replyPipe: [Int32] = [0, 0]
        guard outFD >= 0, errFD >= 0, makePipe(&requestPipe), makePipe(&replyPipe) else {
            throw .infrastructure("cannot create pipes or files for the worker: \(String(cString: strerror(errno)))")
        }
        // Keep every descriptor of ours above the ones the child expects (0–4), and
        // closed in the child unless duplicated onto 0–4 explicitly.
        let (reqRead, reqWrite) = (highDescriptor(requestPipe[0]), highDescriptor(requestPipe[1]))
        let (repRead, repWrite) = (highDescriptor(replyPipe[0]), highDescriptor(replyPipe[1]))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outFD, 1)
        posix_spawn_file_actions_adddup2(&actions, errFD, 2)
        posix_spawn_file_actions_adddup2(&actions, reqRead, WorkerMain.requestDescriptor)
        posix_spawn_file_actions_adddup2(&actions, repWrite, WorkerMain.replyDescriptor)

        let arguments = [path, "--memory-limit-mb", "\(configuration.memoryLimitMB)",
                         "--file-limit-mb", "\(configuration.fileLimitMB)"] + configuration.arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"   // a crash report in ms, not seconds
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var child: pid_t = 0
        // The child starts with no signal blocked and SIGXFSZ at its default (death),
        // whatever thread spawns it: Dispatch's threads block signals, and a blocked
        // SIGXFSZ would let the output limit fail writes silently instead.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), defaults = sigset_t()
        sigemptyset(&noSignals)
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGXFSZ)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let result = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        [outFD, errFD, reqRead, repWrite].forEach { close($0) }
        guard result == 0 else {
            close(reqWrite); close(repRead)
            throw .infrastructure("cannot start \(path): \(String(cString: strerror(result)))")
        }
        pid = child
        requestFD = reqWrite
        replyFD = repRead
        outputFile = out
        errorFile = err
    }

    /// A pipe whose ends close on exec. Made under ``spawning`` (as is every spawn), so
    /// that a worker another thread spawns meanwhile cannot inherit them: it would keep
    /// this worker's pipe open after its death, turning a crash into a time-out.
    private func makePipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        ends.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// Held from making a worker's pipes to spawning it. Hold it too while writing an
    /// executable another thread may start, so no worker inherits the file open for
    /// writing (which makes starting it fail with "Text file busy").
    static let spawning = NSLock()

    private func highDescriptor(_ fd: Int32) -> Int32 {
        let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
        close(fd)
        return moved
    }

    // MARK: - Talking

    private var readTimedOut = false

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { write(requestFD, $0.baseAddress! + sent, bytes.count - sent) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    /// Reads `count` bytes within the time limit, or returns `nil` (and sets
    /// `readTimedOut` when the limit was the reason).
    private func readExactly(_ count: Int) -> [UInt8]? {
        readTimedOut = false
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        let deadline = Date().addingTimeInterval(configuration.timeout)
        while filled < count {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { readTimedOut = true; return nil }
            var poller = pollfd(fd: replyFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining * 1000, 1_000_000_000)) + 1)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 { continue }   // re-check the deadline
            let n = buffer.withUnsafeMutableBytes { read(replyFD, $0.baseAddress! + filled, count - filled) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            filled += n
        }
        return buffer
    }

    // MARK: - Dying

    /// Kills (on a time-out) or reaps the worker and says why it is gone.
    private func collapse(timedOut: Bool) -> WorkerFailure {
        close(requestFD)
        close(replyFD)
        if timedOut { kill(pid, SIGKILL) }
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        pid = 0
        let standardError = collectOutput()
        if timedOut { return .timedOut(seconds: configuration.timeout) }
        let signalled = status & 0x7f
        let signal: Int32? = signalled != 0 && signalled != 0x7f ? signalled : nil
        let exitStatus: Int32? = signal == nil ? (status >> 8) & 0xff : nil
        return CrashReport.diagnose(standardError: standardError, signal: signal, exitStatus: exitStatus)
    }

    /// Appends the dead worker's standard output to ``output``, deletes its files, and
    /// returns its standard error.
    @discardableResult
    private func collectOutput() -> String {
        func readAndRemove(_ url: URL?) -> String {
            guard let url else { return "" }
            defer { try? FileManager.default.removeItem(at: url) }
            guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: 1 << 20)) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        output += readAndRemove(outputFile)
        let standardError = readAndRemove(errorFile)
        outputFile = nil
        errorFile = nil
        return standardError
    }
}
