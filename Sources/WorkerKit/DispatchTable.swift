/// Evaluates one request with the implementations the worker was built with.
public typealias Handler = @Sendable (WorkerRequest) throws -> WorkerReply

/// The functions one exercise exposes to the judge, by call.
public struct ExerciseHandlers: Sendable {
    /// The exercise the calls belong to.
    public var exercise: String
    public var handlers: [WorkerCall: Handler]

    /// - Parameter handlers: one per call, every call of the same exercise.
    public init(_ handlers: [WorkerCall: Handler]) {
        self.exercise = handlers.keys.first?.exercise ?? ""
        self.handlers = handlers
    }
}

/// Every call a worker answers. `grader-worker` builds one from the student's types,
/// `grader-worker-solutions` from the reference's; the rest of the code is shared.
public struct DispatchTable: Sendable {
    /// By call name (`"relu.forward"`).
    public private(set) var handlers: [String: Handler] = [:]

    /// The handlers of `exercises`; of two for the same call, the first.
    public init(_ exercises: [ExerciseHandlers]) {
        for e in exercises {
            handlers.merge(e.handlers.map { ($0.key.name, $0.value) }) { first, _ in first }
        }
    }

    /// Evaluates a request, or each of its probes; an unknown call or a malformed
    /// request is an error reply.
    public func reply(to request: WorkerRequest) -> WorkerReply {
        guard let probes = request.probes else { return evaluate(request) }
        guard let x = request.tensors[probes.input] else {
            return WorkerReply(error: "\(request.call): probes of a missing tensor '\(probes.input)'")
        }
        var point = request
        point.probes = nil
        return WorkerReply(probes: probes.points.map { probe in
            guard (0..<x.count).contains(probe.index) else {
                return WorkerReply(error: "\(request.call): probe of element \(probe.index) of '\(probes.input)', which has \(x.count)")
            }
            var changed = x
            changed.setScalar(probe.value, at: probe.index)
            point.tensors[probes.input] = changed
            return evaluate(point).keeping(probes.outputs)
        })
    }

    /// Evaluates a request with its call's handler.
    private func evaluate(_ request: WorkerRequest) -> WorkerReply {
        guard let handler = handlers[request.call] else {
            return WorkerReply(error: "unknown call '\(request.call)'")
        }
        do {
            return try handler(request)
        } catch {
            return WorkerReply(error: "\(error)")
        }
    }
}

extension WorkerReply {
    /// The reply with only the named outputs (and its error, if any).
    func keeping(_ outputs: [String]) -> WorkerReply {
        let kept = Set(outputs)
        return WorkerReply(tensors: tensors.filter { kept.contains($0.key) }, numbers: numbers.filter { kept.contains($0.key) },
                           error: error)
    }
}
