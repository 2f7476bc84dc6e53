import Curriculum
import TensorKit

extension WorkerRequest {
    /// Dropout parameters from `keepProbability`, `mode` and the optional number `seed`.
    func dropoutParameters() throws -> DropoutParameters {
        let seed = try numbers["seed"].map { x -> UInt64 in
            guard let s = UInt64(exactly: x) else { throw BadRequest(description: "\(call): seed \(x) is not a whole number") }
            return s
        }
        return DropoutParameters(keepProbability: try number("keepProbability"), mode: try mode(), seed: seed)
    }
}

/// The calls of exercise `dropout`.
public enum DropoutCalls {
    public static let exercise = "dropout"
    /// `dropout.forward(x, keepProbability, mode[, seed]) → out`.
    public static let forward = WorkerCall(exercise, "forward", tensors: ["x"], numbers: ["keepProbability", "seed"],
                                           strings: ["mode"], outputs: ["out"])
    /// `dropout.backward(x, dout, keepProbability, mode[, seed]) → out, dx`.
    public static let backward = WorkerCall(exercise, "backward", tensors: ["x", "dout"], numbers: ["keepProbability", "seed"],
                                            strings: ["mode"], outputs: ["out", "dx"])
}

extension ExerciseHandlers {
    /// The calls of ``DropoutCalls``, answered by `layer`.
    public static func dropout(_ layer: some DropoutLayer) -> ExerciseHandlers {
        ExerciseHandlers([
            DropoutCalls.forward: { r in
                WorkerReply(tensors: ["out": layer.forward(try r.tensor("x"), parameters: try r.dropoutParameters()).out])
            },
            DropoutCalls.backward: { r in
                let (out, cache) = layer.forward(try r.tensor("x"), parameters: try r.dropoutParameters())
                return WorkerReply(tensors: ["out": out, "dx": layer.backward(try r.tensor("dout"), cache: cache)])
            },
        ])
    }
}
