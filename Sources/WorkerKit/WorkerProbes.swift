/// Evaluations of a request at points that each differ from it in one element of one
/// input tensor: the probes of a numeric gradient.
///
/// The request travels once with the changed elements, instead of once per probe, and
/// each probe's reply brings back only the outputs asked for: a network's probes
/// differ in one parameter element among hundreds, and its reply to each carries a
/// gradient for every parameter that a numeric gradient does not read.
public struct WorkerProbes: Sendable, Hashable {
    /// The input tensor the probes change.
    public var input: String
    /// One per probe: the element changed and its value there.
    public var points: [ProbePoint]
    /// The outputs each probe's reply keeps (tensors or numbers); the others are
    /// dropped in the worker.
    public var outputs: [String]

    public init(input: String, points: [ProbePoint], outputs: [String]) {
        self.input = input
        self.points = points
        self.outputs = outputs
    }
}

/// One probe: the input tensor with its element `index` (counted in row-major order)
/// set to `value`.
public struct ProbePoint: Sendable, Hashable {
    public var index: Int
    public var value: Double

    public init(index: Int, value: Double) {
        self.index = index
        self.value = value
    }
}
