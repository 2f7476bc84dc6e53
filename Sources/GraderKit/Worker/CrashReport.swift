/// Reads what a dead worker left on its standard error and how it ended, and says why
/// it died, in a student's terms.
///
/// "Not started" is never read from here: standard error is the student's to write,
/// so a `TODO` counts only when the worker reports it on its reply descriptor.
enum CrashReport {
    /// - Parameters:
    ///   - standardError: everything the worker wrote to standard error.
    ///   - waitStatus: its raw wait status, if the launcher saw it end.
    ///   - killedForMemory: whether its memory cgroup killed it.
    ///   - memoryLimitMB: its memory limit, for the message.
    static func diagnose(standardError: String, waitStatus: Int32?, killedForMemory: Bool = false,
                         memoryLimitMB: Int) -> WorkerFailure {
        let status = waitStatus.map(WaitStatus.init(raw:))
        let signal = status?.signal, exitStatus = status?.exitCode
        // The Swift runtime says "Fatal error: failed to allocate N bytes …" when malloc
        // fails under the address-space limit.
        if killedForMemory || standardError.contains("Fatal error: failed to allocate") {
            return .crashed(reason: "ran out of memory (limit \(memoryLimitMB) MiB)", location: nil)
        }
        // Swift prints "<file>:<line>: Fatal error: <message>" before it traps.
        for line in standardError.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let range = line.range(of: ": Fatal error: ") else { continue }
            let message = String(line[range.upperBound...])
            return .crashed(reason: message.isEmpty ? "fatal error" : message,
                            location: shortLocation(String(line[..<range.lowerBound])))
        }
        if let signal {
            return .crashed(reason: describe(signal: signal), location: nil)
        }
        if let exitStatus {
            return .crashed(reason: "the worker exited with status \(exitStatus) in the middle of a request", location: nil)
        }
        return .crashed(reason: "the worker ended in the middle of a request", location: nil)
    }

    /// `…/Sources/Exercises/Affine.swift:42` from an absolute path.
    static func shortLocation(_ location: String) -> String {
        if let range = location.range(of: "Sources/") { return String(location[range.lowerBound...]) }
        return location
    }

    static func describe(signal: Int32) -> String {
        switch signal {
        case 4, 5: "a runtime trap (signal \(signal)): e.g. an index out of range, an arithmetic overflow or a force-unwrapped nil"
        case 6: "aborted (signal 6)"
        case 8: "a floating-point exception (signal 8): e.g. an integer division by zero"
        case 9: "killed (signal 9)"
        case 11: "a segmentation fault (signal 11): e.g. unbounded recursion or unsafe memory access"
        case 24: "used more CPU time than allowed (signal 24)"
        case 25: "wrote more output than allowed (signal 25)"
        default: "signal \(signal)"
        }
    }
}
