import Curriculum

/// Reads what a dead worker left on its standard error and how it ended, and says why
/// it died, in a student's terms: the message, and the student's own line.
///
/// "Not started" is never read from here: standard error is the student's to write,
/// so a `TODO` counts only when the worker reports it on its reply descriptor.
enum CrashReport {
    /// - Parameters:
    ///   - standardError: everything the worker wrote to standard error.
    ///   - waitStatus: its raw wait status, if the launcher saw it end.
    ///   - killedForMemory: whether its memory cgroup killed it.
    ///   - memoryLimitMB: its memory limit, for the message.
    ///   - frames: its crashed stack, innermost first, when known (``CrashAddresses``
    ///     read by a ``Symbolizer``). Its first frame in `Sources/Exercises` is the
    ///     crash's location, followed by the student's and the course's functions that
    ///     called it; without one, the location is where the runtime stopped.
    static func diagnose(standardError: String, waitStatus: Int32?, killedForMemory: Bool = false,
                         memoryLimitMB: Int, frames: [CrashFrame] = []) -> WorkerFailure {
        let status = waitStatus.map(WaitStatus.init(raw:))
        let signal = status?.signal, exitStatus = status?.exitCode
        // The Swift runtime says "Fatal error: failed to allocate N bytes …" when malloc
        // fails under the address-space limit.
        if killedForMemory || standardError.contains("Fatal error: failed to allocate") {
            return .crashed(reason: "ran out of memory (limit \(memoryLimitMB) MiB)", location: nil)
        }
        let student = studentLocation(in: frames)
        // Swift prints "<file>:<line>: Fatal error: <message>" right before it traps, so
        // the runtime's line is the last one: any earlier one is text the code printed.
        for line in standardError.split(separator: "\n", omittingEmptySubsequences: true).reversed() {
            guard let range = line.range(of: ": Fatal error: ") else { continue }
            var message = String(line[range.upperBound...])
            // A stub's TODO ends its worker quietly after reporting itself on the reply
            // descriptor: this text was written by the code, not by TODO().
            if message.hasPrefix(TODOMarker.prefix) {
                message += " (written to standard error by the code itself; an unfinished stub is reported as not started)"
            }
            return .crashed(reason: message.isEmpty ? "fatal error" : message,
                            location: student ?? CrashFrame.shortPath(String(line[..<range.lowerBound])))
        }
        if let signal {
            return .crashed(reason: describe(signal: signal), location: student)
        }
        if let exitStatus {
            return .crashed(reason: "the worker exited with status \(exitStatus) in the middle of a request", location: nil)
        }
        return .crashed(reason: "the worker ended in the middle of a request", location: nil)
    }

    /// `Sources/Exercises/Affine.swift:34 in Affine.forward ← AffineReLU.forward`: the
    /// student's innermost frame, then up to three callers in the student's code or the
    /// course's (`Sources/Curriculum`), the way the check reached it.
    static func studentLocation(in frames: [CrashFrame]) -> String? {
        guard let index = frames.firstIndex(where: \.isStudentCode) else { return nil }
        let callers = frames[(index + 1)...]
            .prefix { $0.isStudentCode || $0.file.hasPrefix("Sources/Curriculum/") }
            .map(\.function)
        var chain: [String] = []
        for function in [frames[index].function] + callers where chain.last != function { chain.append(function) }
        return "\(frames[index].location) in " + chain.prefix(4).joined(separator: " ← ")
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
