import TensorKit

/// One function evaluation the judge asks the worker for: a call such as
/// `"batchnorm.backward"` with named tensors, numbers and strings as its arguments.
///
/// A call may chain several of the student's functions (a forward pass, then the
/// backward pass with a given `dout`), so that the cache never leaves the worker.
public struct WorkerRequest: Sendable, Hashable {
    /// `"<exercise>.<function>"`, as listed by each handler in `ExerciseHandlers`.
    public var call: String
    public var tensors: [String: Tensor]
    public var numbers: [String: Double]
    public var strings: [String: String]
    /// When set, the call is evaluated once per probe instead, at the request with one
    /// element of an input changed; the reply holds one reply per probe.
    public var probes: WorkerProbes?

    public init(_ call: String, tensors: [String: Tensor] = [:], numbers: [String: Double] = [:],
                strings: [String: String] = [:], probes: WorkerProbes? = nil) {
        self.call = call
        self.tensors = tensors
        self.numbers = numbers
        self.strings = strings
        self.probes = probes
    }
}

/// What the worker sends back for one request: named tensors and numbers, or a
/// structured error that is not a crash (an unknown call, a malformed request).
public struct WorkerReply: Sendable, Hashable {
    public var tensors: [String: Tensor]
    public var numbers: [String: Double]
    /// Set when the worker could not evaluate the request; the rest is then empty.
    public var error: String?
    /// To a request with probes: one reply per probe, in order (each without probes of
    /// its own); the rest is then empty.
    public var probes: [WorkerReply]

    public init(tensors: [String: Tensor] = [:], numbers: [String: Double] = [:], error: String? = nil,
                probes: [WorkerReply] = []) {
        self.tensors = tensors
        self.numbers = numbers
        self.error = error
        self.probes = probes
    }
}
