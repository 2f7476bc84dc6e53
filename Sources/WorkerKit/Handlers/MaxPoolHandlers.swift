import Curriculum

/// The calls of exercise `maxpool`, shared by its checks and its handlers.
public enum MaxPoolCalls {
    public static let exercise = "maxpool"
    /// `maxpool.forward(x, poolHeight, poolWidth, stride) → out`.
    public static let forward = WorkerCall(exercise, "forward", tensors: ["x"], numbers: ["poolHeight", "poolWidth", "stride"],
                                           outputs: ["out"])
    /// `maxpool.backward(x, dout, poolHeight, poolWidth, stride) → out, dx`.
    public static let backward = WorkerCall(exercise, "backward", tensors: ["x", "dout"],
                                            numbers: ["poolHeight", "poolWidth", "stride"], outputs: ["out", "dx"])
}

extension ExerciseHandlers {
    /// The calls of ``MaxPoolCalls``, answered by `layer`.
    public static func maxPool(_ layer: some MaxPoolLayer) -> ExerciseHandlers {
        ExerciseHandlers([
            MaxPoolCalls.forward: { r in
                let (out, _) = layer.forward(try r.tensor("x"), poolHeight: try r.integer("poolHeight"),
                                             poolWidth: try r.integer("poolWidth"), stride: try r.integer("stride"))
                return WorkerReply(tensors: ["out": out])
            },
            MaxPoolCalls.backward: { r in
                let (out, cache) = layer.forward(try r.tensor("x"), poolHeight: try r.integer("poolHeight"),
                                                 poolWidth: try r.integer("poolWidth"), stride: try r.integer("stride"))
                return WorkerReply(tensors: ["out": out, "dx": layer.backward(try r.tensor("dout"), cache: cache)])
            },
        ])
    }
}
