import Curriculum

/// The calls of exercise `relu`.
public enum ReLUCalls {
    public static let exercise = "relu"
    /// `relu.forward(x) → out`.
    public static let forward = WorkerCall(exercise, "forward", tensors: ["x"], outputs: ["out"])
    /// `relu.backward(x, dout) → out, dx`.
    public static let backward = WorkerCall(exercise, "backward", tensors: ["x", "dout"], outputs: ["out", "dx"])
}

extension ExerciseHandlers {
    /// The calls of ``ReLUCalls``, answered by `layer`.
    public static func relu(_ layer: some ReLULayer) -> ExerciseHandlers {
        ExerciseHandlers([
            ReLUCalls.forward: { r in
                WorkerReply(tensors: ["out": layer.forward(try r.tensor("x")).out])
            },
            ReLUCalls.backward: { r in
                let (out, cache) = layer.forward(try r.tensor("x"))
                return WorkerReply(tensors: ["out": out, "dx": layer.backward(try r.tensor("dout"), cache: cache)])
            },
        ])
    }
}
