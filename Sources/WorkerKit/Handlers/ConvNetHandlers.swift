import Curriculum
import Foundation
import TensorKit

/// The calls of exercise `convnet`, shared by its checks and its handlers.
public enum ConvNetCalls {
    public static let exercise = "convnet"
    /// `convnet.init(configuration) → param.*, bn<i>.runningMean…`.
    public static let initialize = WorkerCall(exercise, "init", tensors: ["param.*", "bn*"], strings: ["configuration"],
                                              outputs: ["param.*", "bn*"])
    /// `convnet.scores(configuration, param.*, bn*, x) → scores`.
    public static let scores = WorkerCall(exercise, "scores", tensors: ["param.*", "bn*", "x"], strings: ["configuration"],
                                          outputs: ["scores"])
    /// `convnet.loss(configuration, param.*, bn*, x, labels) → loss, grad.*, bn*`.
    public static let loss = WorkerCall(exercise, "loss", tensors: ["param.*", "bn*", "x", "labels"], strings: ["configuration"],
                                        outputs: ["loss", "grad.*", "bn*"])
}

extension ExerciseHandlers {
    /// The calls of ``ConvNetCalls``, answered by a `Net`.
    /// `configuration` is a ``ConvNetConfiguration`` as JSON, in the string argument
    /// `configuration`. Batch-norm running statistics travel as `bn<i>.runningMean` and
    /// `bn<i>.runningVariance` (conv layer `i` counted from 0).
    public static func convNet<Net: ConvNetClassifier>(_: Net.Type) -> ExerciseHandlers {
        network((ConvNetCalls.initialize, ConvNetCalls.scores, ConvNetCalls.loss)) { Net($0) }
    }
}
