import Curriculum
import Foundation
import TensorKit

/// The calls of exercise `two-layer-net`.
public enum TwoLayerNetCalls {
    public static let exercise = "two-layer-net"
    static let sizes = ["D", "H", "C", "weightScale", "reg", "seed"]
    /// `two-layer-net.init(D, H, C, weightScale, reg, seed) → param.*`.
    public static let initialize = WorkerCall(exercise, "init", tensors: ["param.*"], numbers: sizes, outputs: ["param.*"])
    /// `two-layer-net.scores(…, param.*, x) → scores`.
    public static let scores = WorkerCall(exercise, "scores", tensors: ["param.*", "x"], numbers: sizes, outputs: ["scores"])
    /// `two-layer-net.loss(…, param.*, x, labels) → loss, grad.*`.
    public static let loss = WorkerCall(exercise, "loss", tensors: ["param.*", "x", "labels"], numbers: sizes,
                                        outputs: ["loss", "grad.*"])
}

/// The calls of exercise `fc-net`.
public enum FullyConnectedNetCalls {
    public static let exercise = "fc-net"
    /// `fc-net.init(configuration) → param.*, bn<i>.runningMean…`.
    public static let initialize = WorkerCall(exercise, "init", tensors: ["param.*", "bn*"], strings: ["configuration"],
                                              outputs: ["param.*", "bn*"])
    /// `fc-net.scores(configuration, param.*, bn*, x) → scores`.
    public static let scores = WorkerCall(exercise, "scores", tensors: ["param.*", "bn*", "x"], strings: ["configuration"],
                                          outputs: ["scores"])
    /// `fc-net.loss(configuration, param.*, bn*, x, labels) → loss, grad.*, bn*`.
    public static let loss = WorkerCall(exercise, "loss", tensors: ["param.*", "bn*", "x", "labels"], strings: ["configuration"],
                                        outputs: ["loss", "grad.*", "bn*"])
}

extension ExerciseHandlers {
    /// The calls of ``TwoLayerNetCalls``, answered by a `Net`.
    /// The network is built with the given sizes, then its parameters are replaced by
    /// the `param.*` tensors when there are any.
    public static func twoLayerNet<Net: TwoLayerClassifier>(_: Net.Type) -> ExerciseHandlers {
        @Sendable func make(_ r: WorkerRequest) throws -> Net {
            var net = Net(inputDimension: try r.integer("D"), hiddenDimension: try r.integer("H"),
                          classes: try r.integer("C"), weightScale: try r.number("weightScale"),
                          reg: try r.number("reg"), seed: UInt64(try r.integer("seed")))
            let params = r.tensors(prefixed: "param.")
            if !params.isEmpty { net.params = params }
            return net
        }
        return ExerciseHandlers([
            TwoLayerNetCalls.initialize: { r in WorkerReply(tensors: try make(r).params.prefixingKeys("param.")) },
            TwoLayerNetCalls.scores: { r in WorkerReply(tensors: ["scores": try make(r).scores(try r.tensor("x"))]) },
            TwoLayerNetCalls.loss: { r in
                var net = try make(r)
                let (loss, grads) = net.loss(try r.tensor("x"), labels: try r.labels())
                return WorkerReply(tensors: grads.prefixingKeys("grad."), numbers: ["loss": loss])
            },
        ])
    }

    /// The calls of ``FullyConnectedNetCalls``, answered by a `Net`.
    /// `configuration` is a ``NetworkConfiguration`` as JSON, in the string argument
    /// `configuration`. Batch-norm running statistics travel as `bn<i>.runningMean` and
    /// `bn<i>.runningVariance` (layer `i` counted from 0).
    public static func fullyConnectedNet<Net: FullyConnectedClassifier>(_: Net.Type) -> ExerciseHandlers {
        network((FullyConnectedNetCalls.initialize, FullyConnectedNetCalls.scores, FullyConnectedNetCalls.loss)) { Net($0) }
    }
}
