#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a program to its end, or stops it at a time limit, and collects what it
/// prints on standard output and error (up to a cap, so a chatty program cannot fill
/// the judge's memory). Standard input is empty, so a program that asks a question
/// (unzip about overwriting, a password) gets no answer rather than waiting forever.
///
/// The program starts a session of its own (a process group on macOS). At a time-out
/// the whole session is killed, not just the program: `swift build` leaves its
/// compiler processes (`swift-frontend`) running when only it is stopped. Every wait is
/// polled against the deadline, so nothing here can block for ever; whatever is left
/// of the session when the program ends is killed too, so nothing outlives a run.
public struct ProcessRunner {
    public struct Outcome {
        public var status: Int32
        /// Standard output and error, interleaved (error left out when not
        /// ``ProcessRunner/mergeErrors``), cut at ``ProcessRunner/outputLimit``.
        public var data: Data
        public var timedOut: Bool
        /// Command lines of the session's processes still running at the time-out
        /// (say, which `swift-frontend` was compiling which file).
        public var runningAtTimeOut: [[String]] = []
        /// Whether the program printed more than ``ProcessRunner/outputLimit``.
        public var overflowed = false

        public var output: String { String(decoding: data, as: UTF8.self) }
    }

    var executable: URL
    var arguments: [String]
    var directory: URL?
    /// Seconds before the program is stopped; `nil` waits for ever.
    var timeLimit: Double?
    var outputLimit = 4 << 20
    /// Standard error goes with standard output; when `false`, it is discarded.
    var mergeErrors = true
    /// Kill the program as soon as it prints more than ``outputLimit``, rather than
    /// read on (and drop) the rest.
    var stopAtOutputLimit = false

    public init(executable: URL, arguments: [String], directory: URL? = nil, timeLimit: Double? = nil,
                outputLimit: Int = 4 << 20, mergeErrors: Bool = true, stopAtOutputLimit: Bool = false) {
        self.executable = executable
        self.arguments = arguments
        self.directory = directory
        self.timeLimit = timeLimit
        self.outputLimit = outputLimit
        self.mergeErrors = mergeErrors
        self.stopAtOutputLimit = stopAtOutputLimit
    }

    public func run() throws -> Outcome {
        var output: [Int32] = [-1, -1]
        var pid: pid_t = 0
        var spawnError: Int32 = 0
        WorkerProcess.spawning.withLock {
            guard pipe(&output) == 0 else { spawnError = errno; return }
            output.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
            spawnError = spawn(&pid, writingTo: output[1])
            close(output[1])
        }
        guard spawnError == 0 else {
            if output[0] >= 0 { close(output[0]) }
            throw SubmissionError("cannot run \(executable.path): \(String(cString: strerror(spawnError)))")
        }
        defer { close(output[0]) }
        _ = fcntl(output[0], F_SETFL, fcntl(output[0], F_GETFL) | O_NONBLOCK)

        let deadline = timeLimit.map { Date().addingTimeInterval($0) }
        var data = Data()
        var status: Int32?
        var timedOut = false
        var running: [[String]] = []
        var pipeOpen = true
        var overflowed = false
        var drainUntil: Date?
        // One loop reads the output, reaps the program and watches the clock.
        while pipeOpen || status == nil {
            var poller = pollfd(fd: output[0], events: Int16(POLLIN), revents: 0)
            if pipeOpen, poll(&poller, 1, 100) > 0 {
                pipeOpen = drain(output[0], into: &data, overflowed: &overflowed)
                if overflowed && stopAtOutputLimit && status == nil { ProcessRunner.killSession(pid) }
            } else if !pipeOpen {
                usleep(20_000)
            }
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = WaitStatus(raw: raw).shellStatus }
            }
            if status == nil, let deadline, Date() > deadline {
                if !timedOut {
                    timedOut = true
                    running = ProcessRunner.commandLines(inSession: pid)
                }
                ProcessRunner.killSession(pid)
                // Killed, it is reaped on the next turn; one stuck in the kernel is
                // left behind after a while rather than waited for.
                if Date() > deadline.addingTimeInterval(10) { break }
            }
            if status != nil {
                // Whatever the program left running in its session goes with it; a
                // process that left the session and holds the pipe is not waited for.
                ProcessRunner.killSession(pid)
                if drainUntil == nil { drainUntil = Date().addingTimeInterval(2) }
                if let drainUntil, Date() > drainUntil { break }
            }
        }
        return Outcome(status: status ?? -1, data: data, timedOut: timedOut, runningAtTimeOut: running,
                       overflowed: overflowed)
    }

    /// Reads what is available; `false` at the end of the output.
    private func drain(_ fd: Int32, into data: inout Data, overflowed: inout Bool) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 {
            if data.count + count > outputLimit { overflowed = true }
            if data.count < outputLimit { data.append(contentsOf: buffer[0..<min(count, outputLimit - data.count)]) }
            return true
        }
        return count < 0 && (errno == EAGAIN || errno == EINTR)
    }

    /// Starts the program in a new session (Linux) or process group (macOS), with
    /// standard input empty and both outputs on `fd`.
    private func spawn(_ pid: inout pid_t, writingTo fd: Int32) -> Int32 {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fd, 1)
        if mergeErrors {
            posix_spawn_file_actions_adddup2(&actions, fd, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        #if canImport(Glibc)
        posix_spawnattr_setflags(&attributes, Int16(ProcessRunner.spawnSetSID))
        #else
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        #endif
        // posix_spawn has no portable way to change folder: a shell does it, then execs.
        let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0.path, executable.path] }
            ?? [executable.path]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        return posix_spawn(&pid, command[0], &actions, &attributes, argv, environ)
    }

    #if canImport(Glibc)
    /// glibc's `POSIX_SPAWN_SETSID` (2.26 and later), which Swift does not import.
    static let spawnSetSID: Int32 = 0x80
    #endif

    // MARK: - The session

    /// Kills every process of the session `leader` started (its process group, and on
    /// Linux every process whose session is `leader`, whatever group it moved to),
    /// until none is left. Each round stops them before killing, so none can fork
    /// away meanwhile.
    static func killSession(_ leader: pid_t) {
        kill(-leader, SIGKILL)
        for _ in 0..<20 {
            let members = sessionMembers(leader).filter { $0 != leader }
            if members.isEmpty { return }
            members.forEach { kill($0, SIGSTOP) }
            members.forEach { kill($0, SIGKILL) }
            usleep(10_000)
        }
    }

    /// The processes in session `leader` (Linux: read from /proc; elsewhere none).
    static func sessionMembers(_ leader: pid_t) -> [pid_t] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> pid_t? in
            guard let pid = pid_t(name),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // After the command's name: state, ppid, pgrp, session, …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 3, fields[0] != "Z", pid_t(fields[3]) == leader else { return nil }
            return pid
        }
    }

    /// The command lines of the processes in session `leader`.
    static func commandLines(inSession leader: pid_t) -> [[String]] {
        sessionMembers(leader).compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
