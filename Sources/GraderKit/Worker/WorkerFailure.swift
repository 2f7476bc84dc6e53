/// Why the worker could not answer: the student's code stopped it, or it could not run.
public enum WorkerFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stub still calls `TODO(_:)`.
    case notStarted(exercise: String, function: String)
    /// The student's code stopped the worker: a `fatalError`, a runtime trap (index
    /// out of range, a shape error from TensorKit, …) or a signal.
    case crashed(reason: String, location: String?)
    /// A request took longer than the time limit; the worker was killed.
    case timedOut(seconds: Double)
    /// The student's code answered, but not with what was asked: an output missing
    /// (a state never stored), an error reply. The student's failure, not a crash.
    case wrongReply(String)
    /// The worker could not be started, or the judge lacks something it needs (a
    /// fixture): not the student's fault. Never decided by what the worker sends, which
    /// student code controls.
    case infrastructure(String)

    public var description: String {
        switch self {
        case .notStarted(let exercise, let function): "not started: \(exercise) \(function) still calls TODO"
        case .crashed(let reason, let location): "crashed: \(reason)" + (location.map { " (at \($0))" } ?? "")
        case .timedOut(let seconds): "timed out after \(formatSeconds(seconds))"
        case .wrongReply(let message): message
        case .infrastructure(let message): "grader error: \(message)"
        }
    }
}

extension WorkerFailure {
    /// A reply without the output `name`: the student's code did not produce it (a
    /// state it never stored, a `nil` where a tensor belongs).
    static func missingOutput(_ name: String) -> WorkerFailure {
        .wrongReply("your code returned no '\(name)'")
    }
}

func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
}
