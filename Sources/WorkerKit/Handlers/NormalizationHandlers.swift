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

/// The calls of exercise `batchnorm`.
public enum BatchNormCalls {
    public static let exercise = "batchnorm"
    /// `batchnorm.forward(x, gamma, beta, mode, eps, momentum[, runningMean, runningVariance])
    /// → out, runningMean, runningVariance`.
    public static let forward = runningStatisticsForward(exercise)
    /// `batchnorm.backward(x, gamma, beta, dout, eps, momentum)`: a train-mode forward,
    /// then the backward → out, dx, dgamma, dbeta. A `mode` is accepted and ignored (the
    /// fixtures' requests carry `"train"`).
    public static let backward = runningStatisticsBackward(exercise, "backward")
    /// `batchnorm.backwardAlt`: as ``backward``, with the simplified backward pass.
    public static let backwardAlt = runningStatisticsBackward(exercise, "backwardAlt")

    static func runningStatisticsForward(_ exercise: String) -> WorkerCall {
        WorkerCall(exercise, "forward", tensors: ["x", "gamma", "beta", "runningMean", "runningVariance"],
                   numbers: ["eps", "momentum"], strings: ["mode"], outputs: ["out", "runningMean", "runningVariance"])
    }

    static func runningStatisticsBackward(_ exercise: String, _ function: String) -> WorkerCall {
        WorkerCall(exercise, function, tensors: ["x", "gamma", "beta", "dout", "runningMean", "runningVariance"],
                   numbers: ["eps", "momentum"], strings: ["mode"], outputs: ["out", "dx", "dgamma", "dbeta"])
    }
}

/// The calls of exercise `spatial-batchnorm`, with the arguments of ``BatchNormCalls``'.
public enum SpatialBatchNormCalls {
    public static let exercise = "spatial-batchnorm"
    /// `spatial-batchnorm.forward`.
    public static let forward = BatchNormCalls.runningStatisticsForward(exercise)
    /// `spatial-batchnorm.backward`.
    public static let backward = BatchNormCalls.runningStatisticsBackward(exercise, "backward")
}

/// The calls of exercise `layernorm`.
public enum LayerNormCalls {
    public static let exercise = "layernorm"
    /// `layernorm.forward(x, gamma, beta, eps) → out`.
    public static let forward = WorkerCall(exercise, "forward", tensors: ["x", "gamma", "beta"], numbers: ["eps"],
                                           outputs: ["out"])
    /// `layernorm.backward(x, gamma, beta, dout, eps) → out, dx, dgamma, dbeta`.
    public static let backward = WorkerCall(exercise, "backward", tensors: ["x", "gamma", "beta", "dout"], numbers: ["eps"],
                                            outputs: ["out", "dx", "dgamma", "dbeta"])
}

/// The calls of exercise `groupnorm`.
public enum GroupNormCalls {
    public static let exercise = "groupnorm"
    /// `groupnorm.forward(x, gamma, beta, groups, eps) → out`.
    public static let forward = WorkerCall(exercise, "forward", tensors: ["x", "gamma", "beta"], numbers: ["groups", "eps"],
                                           outputs: ["out"])
    /// `groupnorm.backward(x, gamma, beta, dout, groups, eps) → out, dx, dgamma, dbeta`.
    public static let backward = WorkerCall(exercise, "backward", tensors: ["x", "gamma", "beta", "dout"],
                                            numbers: ["groups", "eps"], outputs: ["out", "dx", "dgamma", "dbeta"])
}

extension ExerciseHandlers {
    /// The calls of ``BatchNormCalls``, answered by `layer`.
    public static func batchNorm(_ layer: some BatchNormLayer) -> ExerciseHandlers {
        withRunningStatistics(
            forward: BatchNormCalls.forward,
            { layer.forward($0, gamma: $1, beta: $2, mode: $3, state: &$4) },
            backwards: [BatchNormCalls.backward: { layer.backward($0, cache: $1) },
                        BatchNormCalls.backwardAlt: { layer.backwardAlt($0, cache: $1) }])
    }

    /// The calls of ``SpatialBatchNormCalls``, answered by `layer`.
    public static func spatialBatchNorm(_ layer: some SpatialBatchNormLayer) -> ExerciseHandlers {
        withRunningStatistics(
            forward: SpatialBatchNormCalls.forward,
            { layer.forward($0, gamma: $1, beta: $2, mode: $3, state: &$4) },
            backwards: [SpatialBatchNormCalls.backward: { layer.backward($0, cache: $1) }])
    }

    /// The handlers of a layer with batch-norm state: `forward` in the request's mode,
    /// and each backward call after a train-mode forward.
    private static func withRunningStatistics<Cache>(
        forward call: WorkerCall,
        _ forward: @escaping @Sendable (Tensor, Tensor, Tensor, Mode, inout BatchNormState) -> (out: Tensor, cache: Cache),
        backwards: [WorkerCall: @Sendable (Tensor, Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor)]
    ) -> ExerciseHandlers {
        var handlers: [WorkerCall: Handler] = [
            call: { r in
                var state = try r.batchNormState()
                let (out, _) = forward(try r.tensor("x"), try r.tensor("gamma"), try r.tensor("beta"), try r.mode(), &state)
                return WorkerReply(out: out, state: state)
            },
        ]
        for (backwardCall, backward) in backwards {
            handlers[backwardCall] = { r in
                var state = try r.batchNormState()
                let (out, cache) = forward(try r.tensor("x"), try r.tensor("gamma"), try r.tensor("beta"), .train, &state)
                return WorkerReply(out: out, gradients: backward(try r.tensor("dout"), cache))
            }
        }
        return ExerciseHandlers(handlers)
    }

    /// The calls of ``LayerNormCalls``, answered by `layer`.
    public static func layerNorm(_ layer: some LayerNormLayer) -> ExerciseHandlers {
        ExerciseHandlers([
            LayerNormCalls.forward: { r in
                let (out, _) = layer.forward(try r.tensor("x"), gamma: try r.tensor("gamma"),
                                             beta: try r.tensor("beta"), eps: try r.number("eps"))
                return WorkerReply(tensors: ["out": out])
            },
            LayerNormCalls.backward: { r in
                let (out, cache) = layer.forward(try r.tensor("x"), gamma: try r.tensor("gamma"),
                                                 beta: try r.tensor("beta"), eps: try r.number("eps"))
                return WorkerReply(out: out, gradients: layer.backward(try r.tensor("dout"), cache: cache))
            },
        ])
    }

    /// The calls of ``GroupNormCalls``, answered by `layer`.
    public static func groupNorm(_ layer: some GroupNormLayer) -> ExerciseHandlers {
        ExerciseHandlers([
            GroupNormCalls.forward: { r in
                let (out, _) = layer.forward(try r.tensor("x"), gamma: try r.tensor("gamma"), beta: try r.tensor("beta"),
                                             groups: try r.integer("groups"), eps: try r.number("eps"))
                return WorkerReply(tensors: ["out": out])
            },
            GroupNormCalls.backward: { r in
                let (out, cache) = layer.forward(try r.tensor("x"), gamma: try r.tensor("gamma"), beta: try r.tensor("beta"),
                                                 groups: try r.integer("groups"), eps: try r.number("eps"))
                return WorkerReply(out: out, gradients: layer.backward(try r.tensor("dout"), cache: cache))
            },
        ])
    }
}
