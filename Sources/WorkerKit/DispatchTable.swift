/// Evaluates one request with the implementations the worker was built with.
public typealias Handler = @Sendable (WorkerRequest) throws -> WorkerReply

/// The functions one exercise exposes to the judge, by call name
/// (`"<exercise>.<function>"`).
public struct ExerciseHandlers: Sendable {
    public var exercise: String
    public var handlers: [String: Handler]

    public init(exercise: String, handlers: [String: Handler]) {
        self.exercise = exercise
        self.handlers = Dictionary(uniqueKeysWithValues: handlers.map { ("\(exercise).\($0.key)", $0.value) })
    }
}

/// Every call a worker answers. `grader-worker` builds one from the student's types,
/// `grader-worker-solutions` from the reference's; the rest of the code is shared.
public struct DispatchTable: Sendable {
    public private(set) var handlers: [String: Handler] = [:]

    public init(_ exercises: [ExerciseHandlers]) {
        for e in exercises { handlers.merge(e.handlers) { first, _ in first } }
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
