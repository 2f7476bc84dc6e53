import TensorKit
import WorkerKit

/// One public (or hidden) test case: a request the judge sends, and what the reference
/// answered. On disk, a folder holding `manifest.json` and one `.npy` file per tensor
/// (see docs/fixtures.md), so a course can write its own from Python.
public struct FixtureCase: Sendable, Hashable {
    /// The case's name, unique within its exercise: `"train-forward"`.
    public var name: String
    /// The inputs, as the request that carries them.
    public var request: WorkerRequest
    /// The reference's tensor outputs, by name.
    public var expectedTensors: [String: Tensor]
    /// The reference's number outputs (a loss), by name.
    public var expectedNumbers: [String: Double]

    public init(name: String, request: WorkerRequest, expectedTensors: [String: Tensor] = [:],
                expectedNumbers: [String: Double] = [:]) {
        self.name = name
        self.request = request
        self.expectedTensors = expectedTensors
        self.expectedNumbers = expectedNumbers
    }

    /// Every expected output, with numbers as 0-d tensors, for comparison.
    public var expectedOutputs: [String: Tensor] {
        expectedTensors.merging(expectedNumbers.mapValues { Tensor($0) }) { a, _ in a }
    }
}

/// How `grader fixtures` makes a case's inputs: a name, the outputs to record, and a
/// function from a seeded generator to the request.
public struct FixtureRecipe: Sendable {
    public var name: String
    /// The reply's tensors and numbers to record as expected values.
    public var outputs: [String]
    public var make: @Sendable (inout SeededGenerator) -> WorkerRequest

    public init(_ name: String, outputs: [String], make: @escaping @Sendable (inout SeededGenerator) -> WorkerRequest) {
        self.name = name
        self.outputs = outputs
        self.make = make
    }
}

extension WorkerReply {
    /// The outputs named in `names`, numbers as 0-d tensors.
    func outputs(_ names: [String]) -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for name in names {
            if let t = tensors[name] { out[name] = t } else if let x = numbers[name] { out[name] = Tensor(x) }
        }
        return out
    }

    /// Every output, numbers as 0-d tensors.
    var allOutputs: [String: Tensor] { outputs(Array(tensors.keys) + Array(numbers.keys)) }
}
