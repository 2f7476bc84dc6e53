/// Why the worker could not answer: the student's code stopped it, or it could not run.
public enum WorkerFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stub still calls `TODO(_:)`.
    case notStarted(exercise: String, function: String)
    /// The student's code stopped the worker: a `fatalError`, a runtime trap (index
    /// out of range, a shape error from TensorKit, …) or a signal.
    case crashed(reason: String, location: String?)
    /// A request took longer than the time limit; the worker was killed.
    case timedOut(seconds: Double)
    /// The worker could not be started or spoke nonsense: not the student's fault.
    case infrastructure(String)

    public var description: String {
        switch self {
        case .notStarted(let exercise, let function): "not started: \(exercise) \(function) still calls TODO"
        case .crashed(let reason, let location): "crashed: \(reason)" + (location.map { " (at \($0))" } ?? "")
        case .timedOut(let seconds): "timed out after \(formatSeconds(seconds))"
        case .infrastructure(let message): "grader error: \(message)"
        }
    }
}

func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
}
