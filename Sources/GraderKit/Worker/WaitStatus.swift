/// A raw status from `waitpid`, read the way `WIFSIGNALED` and `WEXITSTATUS` read it
/// (Swift cannot call those macros).
struct WaitStatus: Sendable, Hashable {
    var raw: Int32

    /// The signal that ended the process, if one did.
    var signal: Int32? {
        let low = raw & 0x7f
        return low != 0 && low != 0x7f ? low : nil
    }

    /// Its exit status, if it exited.
    var exitCode: Int32? { raw & 0x7f == 0 ? (raw >> 8) & 0xff : nil }

    /// The status a shell would report: the exit status, or 128 + the signal.
    var shellStatus: Int32 { signal.map { 128 + $0 } ?? exitCode ?? 128 }
}
