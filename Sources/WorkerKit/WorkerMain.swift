#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Curriculum

/// The loop of a worker process: read a frame of requests on descriptor 3, answer
/// each with the dispatch table, write a frame of replies on descriptor 4, until the
/// judge closes the pipe. Standard output and error stay free for the student's own
/// prints and for crash messages, which the judge collects separately.
public enum WorkerMain {
    /// The descriptor the judge writes requests to.
    public static let requestDescriptor: Int32 = 3
    /// The descriptor the judge reads replies from.
    public static let replyDescriptor: Int32 = 4

    /// Serves requests until the judge closes the request pipe, then exits.
    ///
    /// Its limits and confinement are set before it starts, by the launcher the judge
    /// starts it through (see docs/security.md); arguments it does not know are left
    /// to the caller (`--mistake ID`). A crash writes where it happened on standard
    /// error (``CrashAddresses``); a stub's `TODO` reports itself and exits.
    public static func run(_ table: DispatchTable) -> Never {
        CrashAddresses.install()
        // A stub's stop is the common case, not a crash: once reported, the worker
        // exits at once (keeping what the student printed), without the runtime's
        // message or a crash report.
        TODOMarker.report = { exercise, function in
            _ = writeAll(TODOMarker.encode(exercise: exercise, function: function))
            fflush(nil)   // every output stream
            _exit(0)
        }
        while let payload = readFrame() {
            let replies: [WorkerReply]
            do {
                replies = try WireCodec.decodeRequests(payload).map(table.reply(to:))
            } catch {
                replies = [WorkerReply(error: "malformed request frame: \(error)")]
            }
            if !writeAll(WireCodec.frame(WireCodec.encode(replies))) { exit(3) }
        }
        exit(0)
    }

    /// One frame's payload, or `nil` at the end of the stream.
    private static func readFrame() -> [UInt8]? {
        guard let header = readExactly(4) else { return nil }
        let length = header.reversed().reduce(0) { $0 << 8 | Int($1) }
        guard length <= WireCodec.maximumFrameSize else { return nil }
        return readExactly(length)
    }

    private static func readExactly(_ count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { read(requestDescriptor, $0.baseAddress! + filled, count - filled) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            filled += n
        }
        return buffer
    }

    private static func writeAll(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { write(replyDescriptor, $0.baseAddress! + sent, bytes.count - sent) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }
}
