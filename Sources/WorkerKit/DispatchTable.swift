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

    /// Evaluates a request; an unknown call or a malformed request is an error reply.
    public func reply(to request: WorkerRequest) -> WorkerReply {
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
