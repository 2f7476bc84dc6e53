#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import WorkerKit
import WorkerSandbox

/// The judge's end of a worker process: sends frames of requests, waits for the
/// replies within the time limit, and turns a death into a ``WorkerFailure``.
///
/// Each worker is started by `grader-launcher`, which confines it (see
/// docs/security.md) and reports on a status pipe which protections are in force and
/// how the worker ended. The worker is started on first use and again after every
/// failure, so one crashing exercise does not stop the others from being graded. Every
/// wait is bounded: writes and reads share the frame's deadline, and the worker (its
/// whole process group or PID namespace) is killed before the launcher is reaped.
/// Its standard output (whatever the student's code prints) is collected as ``output``.
public final class WorkerProcess {
    public let configuration: WorkerConfiguration
    /// What the student's code printed to standard output, across all workers so far.
    public internal(set) var output = ""
    /// The protections in force for every worker started so far (`nil` before the
    /// first one reported).
    public private(set) var protections: Set<Protection>?

    var folder: WorkerFolder?
    /// The running worker, if any.
    var running: RunningWorker?

    public init(_ configuration: WorkerConfiguration) {
        self.configuration = configuration
        signal(SIGPIPE, SIG_IGN)   // a dead worker must not take the judge with it
    }

    deinit { stop() }

    /// Evaluates requests in the worker, in order.
    /// - Returns: one reply per request.
    /// - Throws: ``WorkerFailure`` when the worker died, hung or could not start; it is
    ///   restarted on the next call.
    public func evaluate(_ requests: [WorkerRequest]) throws(WorkerFailure) -> [WorkerReply] {
        if running == nil { try start() }
        guard let worker = running else { throw .infrastructure("the worker did not start") }
        let deadline = Date().addingTimeInterval(configuration.timeout)
        switch worker.send(WireCodec.frame(WireCodec.encode(requests)), before: deadline) {
        case .done: break
        case .timedOut: throw collapse(.timedOut)
        case .closed: throw collapse(.closed)
        }
        let payload: [UInt8]
        switch worker.receiveFrame(before: deadline) {
        case .frame(let bytes): payload = bytes
        case .notStarted(let exercise, let function): throw collapse(.notStarted(exercise: exercise, function: function))
        case .timedOut: throw collapse(.timedOut)
        case .closed: throw collapse(.closed)
        case .malformed(let reason): throw collapse(.brokeProtocol(reason))
        }
        let replies: [WorkerReply]
        do {
            replies = try WireCodec.decodeReplies(payload)
        } catch {
            throw collapse(.brokeProtocol("an unreadable reply (\(error))"))
        }
        guard replies.count == requests.count else {
            throw collapse(.brokeProtocol("\(replies.count) replies to \(requests.count) requests"))
        }
        return replies
    }

    /// Evaluates one request.
    public func evaluate(_ request: WorkerRequest) throws(WorkerFailure) -> WorkerReply {
        try evaluate([request])[0]
    }

    /// Ends the worker, if one is running: closes its pipes, gives it half a second to
    /// exit (flushing what it printed), then kills it (its group, its namespace), and
    /// waits, boundedly, for the launcher to clean up after it.
    public func stop() {
        guard let worker = running else { return }
        running = nil
        let end = worker.end(grace: 0.5)
        record(end)
        output += worker.collectOutput().output
    }

    /// Held from making a worker's pipes to spawning it. Hold it too while writing an
    /// executable another thread may start, so no worker inherits the file open for
    /// writing (which makes starting it fail with "Text file busy").
    public static let spawning = NSLock()

    /// Notes which protections the ended worker had.
    func record(_ end: RunningWorker.End) {
        guard let ready = end.protections else { return }
        protections = protections.map { $0.intersection(ready) } ?? ready
    }
}
