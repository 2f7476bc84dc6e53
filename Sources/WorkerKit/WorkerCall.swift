import TensorKit

/// One call between the judge and the worker, defined once for both sides: the checks
/// build their requests with it (``request(tensors:numbers:strings:)``) and the worker's
/// handlers are registered under it (``ExerciseHandlers``). The wire carries its name and
/// its named arguments as before (``WorkerRequest``, ``WorkerReply``).
///
/// Each exercise's calls are declared next to its handlers (`ReLUCalls`, …).
public struct WorkerCall: Sendable, Hashable, CustomStringConvertible {
    /// The exercise, as course.json names it: `"relu"`.
    public var exercise: String
    /// The function: `"backward"`.
    public var function: String
    /// The tensor arguments it reads. A name ending in `*` stands for every name that
    /// starts with what precedes it (`"param.*"`).
    public var tensors: [String]
    /// The number arguments it reads.
    public var numbers: [String]
    /// The string arguments it reads.
    public var strings: [String]
    /// The tensors and numbers its reply carries, `*` as in ``tensors``.
    public var outputs: [String]

    /// - Parameters:
    ///   - exercise: the exercise's name.
    ///   - function: the function's name, unique in the exercise.
    ///   - tensors, numbers, strings: the arguments it reads (optional ones included).
    ///   - outputs: what its reply carries.
    public init(_ exercise: String, _ function: String, tensors: [String] = [], numbers: [String] = [],
                strings: [String] = [], outputs: [String]) {
        self.exercise = exercise
        self.function = function
        self.tensors = tensors
        self.numbers = numbers
        self.strings = strings
        self.outputs = outputs
    }

    /// `"<exercise>.<function>"`, as the wire carries it.
    public var name: String { "\(exercise).\(function)" }
    public var description: String { name }

    /// A request for this call with the given arguments.
    public func request(tensors: [String: Tensor] = [:], numbers: [String: Double] = [:],
                        strings: [String: String] = [:]) -> WorkerRequest {
        WorkerRequest(name, tensors: tensors, numbers: numbers, strings: strings)
    }

    /// The arguments of `request` that this call does not declare, as `"tensor x"`.
    public func undeclaredArguments(of request: WorkerRequest) -> [String] {
        undeclared(request.tensors.keys, in: tensors, kind: "tensor")
            + undeclared(request.numbers.keys, in: numbers, kind: "number")
            + undeclared(request.strings.keys, in: strings, kind: "string")
    }

    /// The values of `reply` that this call does not declare as outputs.
    public func undeclaredOutputs(of reply: WorkerReply) -> [String] {
        undeclared(reply.tensors.keys, in: outputs, kind: "tensor") + undeclared(reply.numbers.keys, in: outputs, kind: "number")
    }

    private func undeclared(_ names: Dictionary<String, some Any>.Keys, in declared: [String], kind: String) -> [String] {
        names.sorted().filter { name in
            !declared.contains { $0.hasSuffix("*") ? name.hasPrefix($0.dropLast()) : $0 == name }
        }.map { "\(kind) \($0)" }
    }
}
