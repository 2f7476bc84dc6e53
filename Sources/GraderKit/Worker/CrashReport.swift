import Curriculum

/// Reads what a dead worker left on its standard error and how it ended, and says why
/// it died, in a student's terms.
enum CrashReport {
    /// - Parameters:
    ///   - standardError: everything the worker wrote to standard error.
    ///   - signal: the signal that ended it, if one did.
    ///   - exitStatus: its exit status, if it exited.
    static func diagnose(standardError: String, signal: Int32?, exitStatus: Int32?) -> WorkerFailure {
        // Swift prints "<file>:<line>: Fatal error: <message>" before it traps.
        for line in standardError.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let range = line.range(of: ": Fatal error: ") else { continue }
            let location = String(line[..<range.lowerBound])
            let message = String(line[range.upperBound...])
            if message.hasPrefix(TODOMarker.prefix) {
                // "TODO(BackpropLab) affine: forward(_:_:_:) is not implemented yet"
                let rest = message.dropFirst(TODOMarker.prefix.count).trimmingPrefix(" ")
                let parts = rest.split(separator: ":", maxSplits: 1)
                let exercise = parts.first.map(String.init) ?? "?"
                let function = parts.count > 1
                    ? String(parts[1].trimmingPrefix(" ").prefix { $0 != " " }) : "?"
                return .notStarted(exercise: exercise, function: function)
            }
            return .crashed(reason: message.isEmpty ? "fatal error" : message, location: shortLocation(location))
        }
        if let signal {
            return .crashed(reason: describe(signal: signal), location: nil)
        }
        return .crashed(reason: "the worker exited with status \(exitStatus ?? -1) in the middle of a request", location: nil)
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
        case 9: "killed (signal 9), most likely for using too much memory"
        case 11: "a segmentation fault (signal 11): e.g. unbounded recursion or unsafe memory access"
        case 25: "wrote more output than allowed (signal 25)"
        default: "signal \(signal)"
        }
    }
}
