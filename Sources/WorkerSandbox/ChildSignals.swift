#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write end of the pipe `SIGCHLD` wakes the launcher through (a signal handler
/// may only make async-signal-safe calls, such as `write`).
nonisolated(unsafe) private var wakeDescriptor: Int32 = -1

/// The launcher's wait for its child: woken by `SIGCHLD` or by the judge going away,
/// never by polling on a timer.
struct ChildSignals {
    private let wake: (read: Int32, write: Int32)

    init() {
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        for fd in ends {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        wake = (ends[0], ends[1])
        wakeDescriptor = ends[1]
        signal(SIGCHLD) { _ in
            var byte: UInt8 = 0
            _ = write(wakeDescriptor, &byte, 1)
        }
    }

    /// In the child: the default `SIGCHLD` action, and no wake pipe.
    func reset() {
        signal(SIGCHLD, SIG_DFL)
        close(wake.read)
        close(wake.write)
    }

    /// Waits until `child` ends and returns its raw wait status. If the judge goes away
    /// first (its end of the `judge` pipe closes), kills the child and its group.
    /// Other children (orphans adopted as subreaper) are reaped on the way.
    func waitFor(_ child: pid_t, judge: Int32) -> Int32 {
        var judgeGone = false
        while true {
            var status: Int32 = 0
            while true {
                let reaped = waitpid(-1, &status, WNOHANG)
                if reaped == child { return status }
                if reaped <= 0 { break }
            }
            if judgeGone {
                kill(-child, SIGKILL)
                kill(child, SIGKILL)
            }
            var watched = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: judge, events: 0, revents: 0)]
            _ = poll(&watched, 2, judgeGone ? 10 : -1)
            if watched[1].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { judgeGone = true }
            var drain = [UInt8](repeating: 0, count: 64)
            while read(wake.read, &drain, 64) > 0 {}
        }
    }
}
