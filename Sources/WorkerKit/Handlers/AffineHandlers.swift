import Curriculum

/// The calls of exercise `affine`.
public enum AffineCalls {
    public static let exercise = "affine"
    /// `affine.forward(x, w, b) → out`.
    public static let forward = WorkerCall(exercise, "forward", tensors: ["x", "w", "b"], outputs: ["out"])
    /// `affine.backward(x, w, b, dout) → out, dx, dw, db`.
    public static let backward = WorkerCall(exercise, "backward", tensors: ["x", "w", "b", "dout"],
                                            outputs: ["out", "dx", "dw", "db"])
}

extension ExerciseHandlers {
    /// The calls of ``AffineCalls``, answered by `layer`.
    public static func affine(_ layer: some AffineLayer) -> ExerciseHandlers {
        ExerciseHandlers([
            AffineCalls.forward: { r in
                let (out, _) = layer.forward(try r.tensor("x"), try r.tensor("w"), try r.tensor("b"))
                return WorkerReply(tensors: ["out": out])
            },
            AffineCalls.backward: { r in
                let (out, cache) = layer.forward(try r.tensor("x"), try r.tensor("w"), try r.tensor("b"))
                let (dx, dw, db) = layer.backward(try r.tensor("dout"), cache: cache)
                return WorkerReply(tensors: ["out": out, "dx": dx, "dw": dw, "db": db])
            },
        ])
    }
}
