import Curriculum

/// The calls of exercise `maxpool`, shared by its checks and its handlers.
public enum MaxPoolCalls {
    public static let exercise = "maxpool"
    /// `maxpool.forward(x) → out`.
    public static let forward = WorkerCall(exercise, "forward", tensors: ["x"], outputs: ["out"])
    /// `maxpool.backward(x, dout) → out, dx`.
    public static let backward = WorkerCall(exercise, "backward", tensors: ["x", "dout"], outputs: ["out", "dx"])
}

extension ExerciseHandlers {
    /// The calls of ``MaxPoolCalls``, answered by `layer`.
    public static func maxPool(_ layer: some MaxPoolLayer) -> ExerciseHandlers {
        ExerciseHandlers([
            MaxPoolCalls.forward: { r in
                WorkerReply(tensors: ["out": layer.forward(try r.tensor("x")).out])
            },
            MaxPoolCalls.backward: { r in
                let (out, cache) = layer.forward(try r.tensor("x"))
                return WorkerReply(tensors: ["out": out, "dx": layer.backward(try r.tensor("dout"), cache: cache)])
            },
        ])
    }
}
