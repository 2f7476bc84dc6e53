#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import WorkerSandbox

extension RunningWorker {
    /// Ends the worker and reaps the launcher, within bounded waits.
    /// - Parameter grace: seconds the worker may take to end by itself once its pipes
    ///   are closed before it is killed: a worker that is dying reports its own cause of
    ///   death, and one that sees the end of its requests exits and flushes what it
    ///   printed.
    func end(grace: Double) -> End {
        for fd in [requestFD, replyFD] where fd >= 0 { close(fd) }
        (requestFD, replyFD) = (-1, -1)
        var end = End()
        if grace > 0 { end.endedByItself = awaitLauncher(before: Date().addingTimeInterval(grace)) }
        if !end.endedByItself {
            killWorker()
            if !awaitLauncher(before: Date().addingTimeInterval(2)) {
                kill(-launcher, SIGKILL)
                kill(launcher, SIGKILL)
                _ = awaitLauncher(before: Date().addingTimeInterval(1))
            }
        }
        close(statusFD)
        statusFD = -1
        for message in messages {
            switch message {
            case .worker: break
            case .ready(let protections): end.protections = Set(protections)
            case .ended(let status): end.status = status
            case .outOfMemory: end.outOfMemory = true
            case .failed(let reason): end.failure = reason
            }
        }
        return end
    }

    /// What the launcher has said so far.
    var messages: [LauncherMessage] { LauncherMessage.parse(String(decoding: statusBytes, as: UTF8.self)) }

    /// Kills the worker's process group, or its namespace's pid 1 (which takes every
    /// process of the namespace with it). Unless the launcher saw it end already: then
    /// its pid may be reused, and the launcher kills what it left.
    private func killWorker() {
        if messages.contains(where: { if case .worker = $0 { true } else { false } }) == false {
            // Just started: its pid comes within milliseconds.
            let deadline = Date().addingTimeInterval(0.2)
            while !statusClosed && Date() < deadline && !messages.contains(where: { if case .worker = $0 { true } else { false } }) {
                readStatus(waitingUntil: deadline)
            }
        }
        readStatus(waitingUntil: nil)
        if messages.contains(where: { if case .ended = $0 { true } else { false } }) { return }
        for case .worker(let pid) in messages {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            return
        }
        kill(-launcher, SIGKILL)   // it has not forked yet: its group is all there is
    }

    /// Reads the status pipe until it closes (the launcher and its helpers are gone),
    /// then reaps the launcher. `false` if `deadline` came first.
    func awaitLauncher(before deadline: Date) -> Bool {
        while !reaped {
            if statusClosed {
                var status: Int32 = 0
                let result = waitpid(launcher, &status, WNOHANG)
                if result == launcher || (result < 0 && errno == ECHILD) { reaped = true; break }
                if Date() >= deadline { return false }
                usleep(500)
            } else {
                if Date() >= deadline { return false }
                readStatus(waitingUntil: deadline)
            }
        }
        return true
    }

    /// Reads what is on the status pipe, first waiting for something until `deadline`
    /// (not at all when `nil`).
    private func readStatus(waitingUntil deadline: Date?) {
        guard statusFD >= 0, !statusClosed else { return }
        if let deadline {
            var poller = pollfd(fd: statusFD, events: Int16(POLLIN), revents: 0)
            let milliseconds = max(0, Int32(min(deadline.timeIntervalSinceNow * 1000, 1_000_000))) + 1
            _ = poll(&poller, 1, milliseconds)
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(statusFD, &buffer, buffer.count)
            if n > 0 { statusBytes += buffer[..<n]; continue }
            if n == 0 { statusClosed = true }
            if n < 0 && errno == EINTR { continue }
            return
        }
    }

    /// The worker's standard output and error, read (up to 1 MiB each) and deleted.
    func collectOutput() -> (output: String, error: String) {
        func readAndRemove(_ url: URL) -> String {
            defer { try? FileManager.default.removeItem(at: url) }
            guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: 1 << 20)) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        return (readAndRemove(outputFile), readAndRemove(errorFile))
    }
}
