import Curriculum

/// The calls of exercise `conv`, shared by its checks and its handlers.
public enum ConvolutionCalls {
    public static let exercise = "conv"
    /// `conv.forward(x) → out`.
    public static let forward = WorkerCall(exercise, "forward", tensors: ["x"], outputs: ["out"])
    /// `conv.backward(x, dout) → out, dx`.
    public static let backward = WorkerCall(exercise, "backward", tensors: ["x", "dout"], outputs: ["out", "dx"])
}

extension ExerciseHandlers {
    /// The calls of ``ConvolutionCalls``, answered by `layer`.
    public static func convolution(_ layer: some ConvolutionLayer) -> ExerciseHandlers {
        ExerciseHandlers([
            ConvolutionCalls.forward: { r in
                WorkerReply(tensors: ["out": layer.forward(try r.tensor("x")).out])
            },
            ConvolutionCalls.backward: { r in
                let (out, cache) = layer.forward(try r.tensor("x"))
                return WorkerReply(tensors: ["out": out, "dx": layer.backward(try r.tensor("dout"), cache: cache)])
            },
        ])
    }
}
