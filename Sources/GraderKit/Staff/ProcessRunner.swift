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
struct ProcessRunner {
    struct Outcome {
        var status: Int32
        /// Standard output and error, interleaved, cut at ``ProcessRunner/outputLimit``.
        var output: String
        var timedOut: Bool
    }

    var executable: URL
    var arguments: [String]
    var directory: URL?
    /// Seconds before the program is stopped; `nil` waits for ever.
    var timeLimit: Double?
    var outputLimit = 4 << 20

    func run() throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        let collected = Collected()
        let reader = Thread { [outputLimit] in
            let handle = pipe.fileHandleForReading
            while case let chunk = handle.availableData, !chunk.isEmpty {
                collected.append(chunk, limit: outputLimit)
            }
            collected.done.signal()
        }
        reader.start()

        var timedOut = false
        if let timeLimit, finished.wait(timeout: .now() + timeLimit) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        } else if timeLimit == nil {
            finished.wait()
        }
        // A grandchild may hold the pipe open; do not wait for it beyond a moment.
        _ = collected.done.wait(timeout: .now() + 5)
        return Outcome(status: process.terminationStatus, output: collected.text, timedOut: timedOut)
    }

    /// Bytes read so far, shared with the reading thread.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        let done = DispatchSemaphore(value: 0)

        func append(_ chunk: Data, limit: Int) {
            lock.withLock { if data.count < limit { data.append(chunk.prefix(limit - data.count)) } }
        }

        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }
}
