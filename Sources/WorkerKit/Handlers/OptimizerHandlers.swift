import Curriculum
import TensorKit

/// The calls of exercise `optimizers`: one per update rule, `optimizers.<rule>(w, dw,
/// hyper-parameters, state) → w, state` (see ``ExerciseHandlers/optimizers(_:)``).
public enum OptimizerCalls {
    public static let exercise = "optimizers"
    public static let sgd = rule("sgd", numbers: ["learningRate"])
    public static let sgdMomentum = rule("sgdMomentum", numbers: ["learningRate", "momentum"], accumulators: ["velocity"])
    public static let nesterovMomentum = rule("nesterovMomentum", numbers: ["learningRate", "momentum"], accumulators: ["velocity"])
    public static let adaGrad = rule("adaGrad", numbers: ["learningRate", "eps"], accumulators: ["cache"])
    public static let rmsProp = rule("rmsProp", numbers: ["learningRate", "decayRate", "eps"], accumulators: ["cache"])
    public static let adam = rule("adam", numbers: ["learningRate", "beta1", "beta2", "eps", "t"], accumulators: ["m", "v"],
                                  outputNumbers: ["t"])
    /// Every rule, in the course's order.
    public static let all = [sgd, sgdMomentum, nesterovMomentum, adaGrad, rmsProp, adam]

    static func rule(_ function: String, numbers: [String], accumulators: [String] = [],
                     outputNumbers: [String] = []) -> WorkerCall {
        WorkerCall(exercise, function, tensors: ["w", "dw"] + accumulators, numbers: numbers,
                   outputs: ["w"] + accumulators + outputNumbers)
    }
}

extension ExerciseHandlers {
    /// Steps of each update rule of ``OptimizerCalls``: `optimizers.<rule>(w, dw,
    /// hyper-parameters, state) → w, state`. `dw` stacks one gradient per step along a new first axis (shape
    /// `(steps, …w's shape)`), so one request can follow a trajectory with the state
    /// kept between steps. Hyper-parameters are numbers named as the state's properties
    /// (`learningRate`, `momentum`, `decayRate`, `eps`, `beta1`, `beta2`, `t`); the
    /// accumulators (`velocity`, `cache`, `m`, `v`) are tensors, absent when `nil`.
    public static func optimizers(_ rules: some UpdateRules) -> ExerciseHandlers {
        ExerciseHandlers([
            OptimizerCalls.sgd: { r in
                var s = SGDState(learningRate: try r.number("learningRate"))
                return WorkerReply(tensors: ["w": try r.steps { rules.sgd($0, $1, state: &s) }])
            },
            OptimizerCalls.sgdMomentum: { r in
                var s = try r.momentumState()
                let w = try r.steps { rules.sgdMomentum($0, $1, state: &s) }
                return WorkerReply(w: w, accumulators: ["velocity": s.velocity])
            },
            OptimizerCalls.nesterovMomentum: { r in
                var s = try r.momentumState()
                let w = try r.steps { rules.nesterovMomentum($0, $1, state: &s) }
                return WorkerReply(w: w, accumulators: ["velocity": s.velocity])
            },
            OptimizerCalls.adaGrad: { r in
                var s = AdaGradState(learningRate: try r.number("learningRate"), eps: try r.number("eps"),
                                     cache: r.tensors["cache"])
                let w = try r.steps { rules.adaGrad($0, $1, state: &s) }
                return WorkerReply(w: w, accumulators: ["cache": s.cache])
            },
            OptimizerCalls.rmsProp: { r in
                var s = RMSPropState(learningRate: try r.number("learningRate"), decayRate: try r.number("decayRate"),
                                     eps: try r.number("eps"), cache: r.tensors["cache"])
                let w = try r.steps { rules.rmsProp($0, $1, state: &s) }
                return WorkerReply(w: w, accumulators: ["cache": s.cache])
            },
            OptimizerCalls.adam: { r in
                var s = AdamState(learningRate: try r.number("learningRate"), beta1: try r.number("beta1"),
                                  beta2: try r.number("beta2"), eps: try r.number("eps"),
                                  m: r.tensors["m"], v: r.tensors["v"], t: try r.integer("t"))
                let w = try r.steps { rules.adam($0, $1, state: &s) }
                var reply = WorkerReply(w: w, accumulators: ["m": s.m, "v": s.v])
                reply.numbers["t"] = Double(s.t)
                return reply
            },
        ])
    }
}

extension WorkerRequest {
    /// Applies `step` once per gradient in `dw` (shape `(steps, …w's shape)`),
    /// starting from `w`, and returns the final weights.
    func steps(_ step: (Tensor, Tensor) -> Tensor) throws -> Tensor {
        var w = try tensor("w")
        let dw = try tensor("dw")
        guard dw.rank == w.rank + 1, Array(dw.shape.dropFirst()) == w.shape else {
            throw BadRequest(description: "\(call): dw of shape \(formatShape(dw.shape)) is not a stack of gradients of w's shape \(formatShape(w.shape))")
        }
        for i in 0..<dw.shape[0] {
            w = step(w, dw[rows: i..<(i + 1)].reshaped(w.shape))
        }
        return w
    }

    func momentumState() throws -> MomentumState {
        MomentumState(learningRate: try number("learningRate"), momentum: try number("momentum"),
                      velocity: tensors["velocity"])
    }
}

extension WorkerReply {
    /// The new weights and whichever accumulators the step left set.
    init(w: Tensor, accumulators: [String: Tensor?]) {
        self.init(tensors: accumulators.compactMapValues { $0 }.merging(["w": w]) { a, _ in a })
    }
}
