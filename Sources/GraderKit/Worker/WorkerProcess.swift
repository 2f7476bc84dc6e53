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

    /// Whether a crash's stack is symbolized to name the student's line (some 50 ms
    /// each); off while a check asks for a stop (``CheckContext/replyUnlessStopped(_:)``).
    var locatesCrashes = true

    var folder: WorkerFolder?
    /// The running worker of each lane (`nil`: not started yet, or ended by a failure).
    /// A frame long enough to share (``shares(of:)``) is split between the lanes, each
    /// a worker of its own on a core of its own; a shorter one goes to the first.
    var lanes: [RunningWorker?]

    public init(_ configuration: WorkerConfiguration) {
        self.configuration = configuration
        self.lanes = Array(repeating: nil, count: Swift.max(1, configuration.lanes))
        signal(SIGPIPE, SIG_IGN)   // a dead worker must not take the judge with it
    }

    deinit { stop() }

    /// The fewest evaluations a lane other than the first is given (a request with
    /// probes counts one per probe): a frame of fewer than twice this goes to the first
    /// lane alone. Starting a lane's worker costs some 20 ms of CPU, once; sharing pays
    /// for the numeric gradients' long frames of probes (docs/performance.md).
    static let minimumShare = 16

    /// The requests each lane answers of a frame: consecutive ranges, in lane order,
    /// each with about as many evaluations as the others.
    func shares(of requests: [WorkerRequest]) -> [Range<Int>] {
        let weights = requests.map { Swift.max(1, $0.probes?.points.count ?? 1) }
        let total = weights.reduce(0, +)
        let parts = Swift.max(1, Swift.min(lanes.count, requests.count, total / Self.minimumShare))
        var ranges: [Range<Int>] = []
        var (start, sum) = (0, 0)
        for part in 1...parts {
            let target = part * total / parts
            var end = start
            // Each part takes at least one request and leaves one for each part after it.
            while end < requests.count - (parts - part) && (end == start || sum < target) {
                sum += weights[end]
                end += 1
            }
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    /// Evaluates requests in the workers, each lane its share of them at once.
    /// - Returns: one reply per request.
    /// - Throws: ``WorkerFailure`` when a worker died, hung or could not start (the
    ///   failure of the earliest request's lane, as if one worker had answered them in
    ///   order); that lane's worker is started again on the next call.
    public func evaluate(_ requests: [WorkerRequest]) throws(WorkerFailure) -> [WorkerReply] {
        // A running worker takes the place of the first lane's failed one: a stop
        // a check asks for then costs no new worker's start before the next request.
        if lanes[0] == nil, let spare = lanes.lastIndex(where: { $0 != nil }) {
            lanes.swapAt(0, spare)
        }
        let deadline = Date().addingTimeInterval(configuration.timeout)
        var pending: [(lane: Int, count: Int)] = []
        var sendFailure: WorkerFailure?
        for (lane, share) in shares(of: requests).enumerated() {
            do {
                try send(Array(requests[share]), lane: lane, before: deadline)
                pending.append((lane, share.count))
            } catch {
                sendFailure = error
                break   // the later lanes' requests come after this failure
            }
        }
        // Every lane sent a frame is read from, so that none is left with a reply behind.
        // Those lanes' requests come before any that could not be sent, so their first
        // failure is the one to report.
        var replies: [WorkerReply] = []
        var receiveFailure: WorkerFailure?
        for (lane, count) in pending {
            do {
                replies += try receive(count, lane: lane, before: deadline)
            } catch {
                receiveFailure = receiveFailure ?? error
            }
        }
        if let failure = receiveFailure ?? sendFailure { throw failure }
        return replies
    }

    /// Sends a frame of requests to a lane's worker, starting it if it is not running.
    private func send(_ requests: [WorkerRequest], lane: Int, before deadline: Date) throws(WorkerFailure) {
        if lanes[lane] == nil { try start(lane: lane) }
        guard let worker = lanes[lane] else { throw .infrastructure("the worker did not start") }
        switch worker.send(WireCodec.frame(WireCodec.encode(requests)), before: deadline) {
        case .done: break
        case .timedOut: throw collapse(.timedOut, lane: lane)
        case .closed: throw collapse(.closed, lane: lane)
        }
    }

    /// Reads a lane's replies to the `count` requests it was sent.
    private func receive(_ count: Int, lane: Int, before deadline: Date) throws(WorkerFailure) -> [WorkerReply] {
        guard let worker = lanes[lane] else { throw .infrastructure("the worker did not start") }
        let payload: [UInt8]
        switch worker.receiveFrame(before: deadline) {
        case .frame(let bytes): payload = bytes
        case .notStarted(let exercise, let function):
            throw collapse(.notStarted(exercise: exercise, function: function), lane: lane)
        case .timedOut: throw collapse(.timedOut, lane: lane)
        case .closed: throw collapse(.closed, lane: lane)
        case .malformed(let reason): throw collapse(.brokeProtocol(reason), lane: lane)
        }
        let replies: [WorkerReply]
        do {
            replies = try WireCodec.decodeReplies(payload)
        } catch {
            throw collapse(.brokeProtocol("an unreadable reply (\(error))"), lane: lane)
        }
        guard replies.count == count else {
            throw collapse(.brokeProtocol("\(replies.count) replies to \(count) requests"), lane: lane)
        }
        return replies
    }

    /// Evaluates one request.
    public func evaluate(_ request: WorkerRequest) throws(WorkerFailure) -> WorkerReply {
        try evaluate([request])[0]
    }

    /// Ends the workers that are running, one by one: closes its pipes, gives it half a
    /// second to exit (flushing what it printed), then kills it (its group, its
    /// namespace), and waits, boundedly, for its launcher to clean up after it.
    public func stop() {
        for lane in lanes.indices {
            guard let worker = lanes[lane] else { continue }
            lanes[lane] = nil
            let end = worker.end(grace: 0.5)
            record(end)
            output += worker.collectOutput().output
        }
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
