import Curriculum
import TensorKit

extension WorkerRequest {
    /// A batch-norm state from the numbers `eps`, `momentum` and the optional tensors
    /// `runningMean`, `runningVariance`.
    func batchNormState() throws -> BatchNormState {
        BatchNormState(eps: try number("eps"), momentum: try number("momentum"),
                       runningMean: tensors["runningMean"], runningVariance: tensors["runningVariance"])
    }
}

extension WorkerReply {
    /// A reply carrying `out` and a batch-norm state's running statistics.
    init(out: Tensor, state: BatchNormState) {
        var tensors = ["out": out]
        tensors["runningMean"] = state.runningMean
        tensors["runningVariance"] = state.runningVariance
        self.init(tensors: tensors)
    }

    /// A reply carrying `out` and the three gradients of a normalization layer.
    init(out: Tensor, gradients: (dx: Tensor, dgamma: Tensor, dbeta: Tensor)) {
        self.init(tensors: ["out": out, "dx": gradients.dx, "dgamma": gradients.dgamma, "dbeta": gradients.dbeta])
    }
}

extension ExerciseHandlers {
    /// `batchnorm.forward(x, gamma, beta, mode, eps, momentum[, runningMean, runningVariance])
    /// → out, runningMean, runningVariance`; `batchnorm.backward` and `batchnorm.backwardAlt`
    /// (x, gamma, beta, dout, eps, momentum: a train-mode forward, then the backward)
    /// → out, dx, dgamma, dbeta.
    public static func batchNorm(_ layer: some BatchNormLayer) -> ExerciseHandlers {
        withRunningStatistics(
            exercise: "batchnorm",
            forward: { layer.forward($0, gamma: $1, beta: $2, mode: $3, state: &$4) },
            backwards: ["backward": { layer.backward($0, cache: $1) },
                        "backwardAlt": { layer.backwardAlt($0, cache: $1) }])
    }

    /// `spatial-batchnorm.forward` and `.backward`, with the arguments of `batchnorm`'s.
    public static func spatialBatchNorm(_ layer: some SpatialBatchNormLayer) -> ExerciseHandlers {
        withRunningStatistics(
            exercise: "spatial-batchnorm",
            forward: { layer.forward($0, gamma: $1, beta: $2, mode: $3, state: &$4) },
            backwards: ["backward": { layer.backward($0, cache: $1) }])
    }

    /// The handlers of a layer with batch-norm state: `forward` in the request's mode,
    /// and each named backward after a train-mode forward.
    private static func withRunningStatistics<Cache>(
        exercise: String,
        forward: @escaping @Sendable (Tensor, Tensor, Tensor, Mode, inout BatchNormState) -> (out: Tensor, cache: Cache),
        backwards: [String: @Sendable (Tensor, Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor)]
    ) -> ExerciseHandlers {
        var handlers: [String: Handler] = [
            "forward": { r in
                var state = try r.batchNormState()
                let (out, _) = forward(try r.tensor("x"), try r.tensor("gamma"), try r.tensor("beta"), try r.mode(), &state)
                return WorkerReply(out: out, state: state)
            },
        ]
        for (name, backward) in backwards {
            handlers[name] = { r in
                var state = try r.batchNormState()
                let (out, cache) = forward(try r.tensor("x"), try r.tensor("gamma"), try r.tensor("beta"), .train, &state)
                return WorkerReply(out: out, gradients: backward(try r.tensor("dout"), cache))
            }
        }
        return ExerciseHandlers(exercise: exercise, handlers: handlers)
    }

    /// `layernorm.forward(x, gamma, beta, eps) → out`; `layernorm.backward(…, dout)
    /// → out, dx, dgamma, dbeta`.
    public static func layerNorm(_ layer: some LayerNormLayer) -> ExerciseHandlers {
        ExerciseHandlers(exercise: "layernorm", handlers: [
            "forward": { r in
                let (out, _) = layer.forward(try r.tensor("x"), gamma: try r.tensor("gamma"),
                                             beta: try r.tensor("beta"), eps: try r.number("eps"))
                return WorkerReply(tensors: ["out": out])
            },
            "backward": { r in
                let (out, cache) = layer.forward(try r.tensor("x"), gamma: try r.tensor("gamma"),
                                                 beta: try r.tensor("beta"), eps: try r.number("eps"))
                return WorkerReply(out: out, gradients: layer.backward(try r.tensor("dout"), cache: cache))
            },
        ])
    }

    /// `groupnorm.forward(x, gamma, beta, groups, eps) → out`; `groupnorm.backward(…, dout)
    /// → out, dx, dgamma, dbeta`.
    public static func groupNorm(_ layer: some GroupNormLayer) -> ExerciseHandlers {
        ExerciseHandlers(exercise: "groupnorm", handlers: [
            "forward": { r in
                let (out, _) = layer.forward(try r.tensor("x"), gamma: try r.tensor("gamma"), beta: try r.tensor("beta"),
                                             groups: try r.integer("groups"), eps: try r.number("eps"))
                return WorkerReply(tensors: ["out": out])
            },
            "backward": { r in
                let (out, cache) = layer.forward(try r.tensor("x"), gamma: try r.tensor("gamma"), beta: try r.tensor("beta"),
                                                 groups: try r.integer("groups"), eps: try r.number("eps"))
                return WorkerReply(out: out, gradients: layer.backward(try r.tensor("dout"), cache: cache))
            },
        ])
    }
}
