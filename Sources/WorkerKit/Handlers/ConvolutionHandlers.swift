import Curriculum

/// The calls of exercise `conv`, shared by its checks and its handlers.
public enum ConvolutionCalls {
    public static let exercise = "conv"
    /// `conv.forward(x, w, b, stride, padding) → out`.
    public static let forward = WorkerCall(exercise, "forward", tensors: ["x", "w", "b"], numbers: ["stride", "padding"],
                                           outputs: ["out"])
    /// `conv.backward(x, w, b, dout, stride, padding) → out, dx, dw, db`.
    public static let backward = WorkerCall(exercise, "backward", tensors: ["x", "w", "b", "dout"],
                                            numbers: ["stride", "padding"], outputs: ["out", "dx", "dw", "db"])
}

extension ExerciseHandlers {
    /// The calls of ``ConvolutionCalls``, answered by `layer`.
    public static func convolution(_ layer: some ConvolutionLayer) -> ExerciseHandlers {
        ExerciseHandlers([
            ConvolutionCalls.forward: { r in
                let (out, _) = layer.forward(try r.tensor("x"), try r.tensor("w"), try r.tensor("b"),
                                             stride: try r.integer("stride"), padding: try r.integer("padding"))
                return WorkerReply(tensors: ["out": out])
            },
            ConvolutionCalls.backward: { r in
                let (out, cache) = layer.forward(try r.tensor("x"), try r.tensor("w"), try r.tensor("b"),
                                                 stride: try r.integer("stride"), padding: try r.integer("padding"))
                let (dx, dw, db) = layer.backward(try r.tensor("dout"), cache: cache)
                return WorkerReply(tensors: ["out": out, "dx": dx, "dw": dw, "db": db])
            },
        ])
    }
}
