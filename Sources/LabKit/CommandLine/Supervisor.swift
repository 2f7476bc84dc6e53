import Foundation

/// Runs the lab's work in a child process, so that a crash in the student's code ends
/// in two lines (``CrashSummary``) instead of the runtime's backtrace, registers and
/// memory maps.
///
/// The child is the same executable with the same arguments and ``childVariable`` set;
/// its standard input and output are the parent's (progress bars stay live), and its
/// standard error is passed through line by line until a crash report begins.
public enum Supervisor {
    /// Set in the child's environment.
    public static let childVariable = "BACKPROPLAB_LAB_CHILD"

    /// Whether this process is the supervised child.
    public static var isChild: Bool { ProcessInfo.processInfo.environment[childVariable] != nil }

    /// Runs `arguments` in a child and returns its exit status (1 after a crash).
    /// - Parameters:
    ///   - command: `"lab train"`, for the report.
    ///   - needs: the exercises the run uses, if known.
    public static func run(_ arguments: [String], command: String, needs: [String]?, console: Console) -> Int32 {
        let process = Process()
        process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment[childVariable] = "1"
        // The backtrace is where the student's line comes from; it costs only on a crash.
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        let collected = CrashText()
        let reader = Thread {
            let handle = errors.fileHandleForReading
            var pending = Data()
            while case let chunk = handle.availableData, !chunk.isEmpty {
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 10) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    pending.removeSubrange(...newline)
                    collected.take(line, passThrough: console.error)
                }
            }
            if !pending.isEmpty { collected.take(String(decoding: pending, as: UTF8.self), passThrough: console.error) }
            collected.done.signal()
        }
        do { try process.run() } catch {
            console.error("lab: cannot start \(process.executableURL?.path ?? "itself"): \(error)")
            return 2
        }
        reader.start()
        process.waitUntilExit()
        collected.done.wait()
        guard process.terminationReason == .uncaughtSignal || collected.crashed else { return process.terminationStatus }
        CrashSummary(standardError: collected.text).lines(command: command, needs: needs).forEach(console.error)
        return 1
    }

    /// The child's standard error: passed through until a crash report starts, then kept.
    private final class CrashText: @unchecked Sendable {
        private(set) var crashed = false
        private var kept: [String] = []
        let done = DispatchSemaphore(value: 0)

        func take(_ line: String, passThrough: (String) -> Void) {
            if !crashed && (line.contains("Fatal error: ") || line.hasPrefix("*** Signal") || line.hasPrefix("*** Program crashed")) {
                crashed = true
            }
            if crashed { if kept.count < 10_000 { kept.append(line) } } else { passThrough(line) }
        }

        var text: String { kept.joined(separator: "\n") }
    }
}
