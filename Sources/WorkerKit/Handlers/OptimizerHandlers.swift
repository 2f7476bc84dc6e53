import Curriculum
import TensorKit

extension ExerciseHandlers {
    /// One step of each update rule: `optimizers.<rule>(w, dw, hyper-parameters, state)
    /// → w, state`. Hyper-parameters are numbers named as the state's properties
    /// (`learningRate`, `momentum`, `decayRate`, `eps`, `beta1`, `beta2`, `t`); the
    /// accumulators (`velocity`, `cache`, `m`, `v`) are tensors, absent when `nil`.
    public static func optimizers(_ rules: some UpdateRules) -> ExerciseHandlers {
        ExerciseHandlers(exercise: "optimizers", handlers: [
            "sgd": { r in
                var s = SGDState(learningRate: try r.number("learningRate"))
                return WorkerReply(tensors: ["w": rules.sgd(try r.tensor("w"), try r.tensor("dw"), state: &s)])
            },
            "sgdMomentum": { r in
                var s = try r.momentumState()
                let w = rules.sgdMomentum(try r.tensor("w"), try r.tensor("dw"), state: &s)
                return WorkerReply(w: w, accumulators: ["velocity": s.velocity])
            },
            "nesterovMomentum": { r in
                var s = try r.momentumState()
                let w = rules.nesterovMomentum(try r.tensor("w"), try r.tensor("dw"), state: &s)
                return WorkerReply(w: w, accumulators: ["velocity": s.velocity])
            },
            "adaGrad": { r in
                var s = AdaGradState(learningRate: try r.number("learningRate"), eps: try r.number("eps"),
                                     cache: r.tensors["cache"])
                let w = rules.adaGrad(try r.tensor("w"), try r.tensor("dw"), state: &s)
                return WorkerReply(w: w, accumulators: ["cache": s.cache])
            },
            "rmsProp": { r in
                var s = RMSPropState(learningRate: try r.number("learningRate"), decayRate: try r.number("decayRate"),
                                     eps: try r.number("eps"), cache: r.tensors["cache"])
                let w = rules.rmsProp(try r.tensor("w"), try r.tensor("dw"), state: &s)
                return WorkerReply(w: w, accumulators: ["cache": s.cache])
            },
            "adam": { r in
                var s = AdamState(learningRate: try r.number("learningRate"), beta1: try r.number("beta1"),
                                  beta2: try r.number("beta2"), eps: try r.number("eps"),
                                  m: r.tensors["m"], v: r.tensors["v"], t: try r.integer("t"))
                let w = rules.adam(try r.tensor("w"), try r.tensor("dw"), state: &s)
                var reply = WorkerReply(w: w, accumulators: ["m": s.m, "v": s.v])
                reply.numbers["t"] = Double(s.t)
                return reply
            },
        ])
    }
}

extension WorkerRequest {
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
