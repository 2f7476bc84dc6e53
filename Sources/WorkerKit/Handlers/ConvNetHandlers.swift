import Curriculum

/// The calls of exercise `convnet`, shared by its checks and its handlers.
public enum ConvNetCalls {
    public static let exercise = "convnet"
    /// `convnet.forward(x) → out`.
    public static let forward = WorkerCall(exercise, "forward", tensors: ["x"], outputs: ["out"])
    /// `convnet.backward(x, dout) → out, dx`.
    public static let backward = WorkerCall(exercise, "backward", tensors: ["x", "dout"], outputs: ["out", "dx"])
}

extension ExerciseHandlers {
    /// The calls of ``ConvNetCalls``, answered by `layer`.
    public static func convNet(_ layer: some ConvNetLayer) -> ExerciseHandlers {
        ExerciseHandlers([
            ConvNetCalls.forward: { r in
                WorkerReply(tensors: ["out": layer.forward(try r.tensor("x")).out])
            },
            ConvNetCalls.backward: { r in
                let (out, cache) = layer.forward(try r.tensor("x"))
                return WorkerReply(tensors: ["out": out, "dx": layer.backward(try r.tensor("dout"), cache: cache)])
            },
        ])
    }
}
