#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the worker left running after it ended. Outside a PID namespace the launcher
/// is a subreaper, so every orphan of the worker (even one in a new session) becomes
/// its child; it kills and reaps them until none is left, for at most a second.
enum Leftovers {
    static func killAll() {
        let deadline = Posix.now + 1
        while Posix.now < deadline {
            let children = Leftovers.children()
            for pid in children {
                _ = kill(-pid, SIGKILL)
                _ = kill(pid, SIGKILL)
            }
            var status: Int32 = 0
            var reaped: pid_t
            repeat { reaped = waitpid(-1, &status, WNOHANG) } while reaped > 0
            if reaped < 0 && errno == ECHILD { return }
            Posix.pause(milliseconds: 1)
        }
    }

    /// The launcher's children, from `/proc` (none known elsewhere: they are then
    /// reaped as they die).
    private static func children() -> [pid_t] {
        let me = getpid()
        if let list = Posix.contents(of: "/proc/self/task/\(me)/children") {
            return list.split(separator: " ").compactMap { pid_t($0.trimmingPrefix(" ")) }
        }
        return []
    }
}
