import Curriculum

extension ExerciseHandlers {
    /// `relu.forward(x) → out`; `relu.backward(x, dout) → out, dx`.
    public static func relu(_ layer: some ReLULayer) -> ExerciseHandlers {
        ExerciseHandlers(exercise: "relu", handlers: [
            "forward": { r in
                WorkerReply(tensors: ["out": layer.forward(try r.tensor("x")).out])
            },
            "backward": { r in
                let (out, cache) = layer.forward(try r.tensor("x"))
                return WorkerReply(tensors: ["out": out, "dx": layer.backward(try r.tensor("dout"), cache: cache)])
            },
        ])
    }
}
