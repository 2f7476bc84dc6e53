import Curriculum

extension ExerciseHandlers {
    /// `affine.forward(x, w, b) → out`; `affine.backward(x, w, b, dout) → out, dx, dw, db`.
    public static func affine(_ layer: some AffineLayer) -> ExerciseHandlers {
        ExerciseHandlers(exercise: "affine", handlers: [
            "forward": { r in
                let (out, _) = layer.forward(try r.tensor("x"), try r.tensor("w"), try r.tensor("b"))
                return WorkerReply(tensors: ["out": out])
            },
            "backward": { r in
                let (out, cache) = layer.forward(try r.tensor("x"), try r.tensor("w"), try r.tensor("b"))
                let (dx, dw, db) = layer.backward(try r.tensor("dout"), cache: cache)
                return WorkerReply(tensors: ["out": out, "dx": dx, "dw": dw, "db": db])
            },
        ])
    }
}
