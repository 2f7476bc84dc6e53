import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in the fully-connected net: each changes what the reference's `loss`
// returns or keeps.

extension MistakeCatalog {
    /// Mistakes of the `fc-net` exercise.
    public static let fullyConnectedNet: [Mistake] = [
        Mistake("fc-net-reg-full-strength", title: "regularization reg·Σ W² (and 2·reg·W) instead of 0.5·reg·Σ W²",
                hint: "Your regularization is twice the course's, in the loss and in the gradients alike. Which constant in front of Σ W² makes each weight's gradient come out as exactly reg · W?",
                handlers: .fullyConnectedNet(FullStrengthRegularizationNet.self)),
        Mistake("fc-net-reg-on-biases", title: "biases regularized along with the weights",
                hint: "Your loss and your bias gradients change with reg. Which parameters does L2 regularization penalize in this course?",
                handlers: .fullyConnectedNet(RegularizedBiasesNet.self)),
        Mistake("fc-net-reg-on-normalization-parameters", title: "gamma and beta regularized along with the weights",
                hint: "With normalization, your loss and your gamma and beta gradients change with reg. gamma is meant to start at 1 and move freely: what would pulling it toward 0 do to the layer's output?",
                handlers: .fullyConnectedNet(RegularizedNormalizationNet.self)),
        Mistake("fc-net-reg-missing-from-gradients", title: "regularization in the loss but not in the weights' gradients",
                hint: "Your loss includes the regularization but your weight gradients do not. What does each 0.5 · reg · Σ W² term contribute to its own dW?",
                handlers: .fullyConnectedNet(UnregularizedGradientsNet.self)),
        Mistake("fc-net-batchnorm-states-discarded", title: "batch-norm running statistics not kept after a training step",
                hint: "After a training step your network's batch-norm running statistics are as they were before it. The batch-norm layers update the states they are handed: where do the updated states go when loss returns?",
                handlers: .fullyConnectedNet(ForgetfulBatchNormNet.self)),
        Mistake("fc-net-batchnorm-states-reset-every-step", title: "batch-norm running statistics started afresh by every training step",
                hint: "On a net that has trained before, your training step returns the running statistics of a very first step: the running averages it was given are gone. Whose states should the batch-norm layers update, the ones the net already holds or new ones?",
                handlers: .fullyConnectedNet(ResettingBatchNormNet.self)),
        Mistake("fc-net-init-fan-out", title: "initial weights scaled by the fan-out instead of the fan-in",
                hint: "Your initial weights have the wrong spread in layers whose input and output widths differ. Xavier and Kaiming keep the variance of each layer's output steady: which count of the layer sets that variance, the inputs summed into each output or the outputs?",
                handlers: .fullyConnectedNet(FanOutInitializationNet.self)),
        Mistake("fc-net-last-layer-normalized", title: "gamma and beta made for the last affine layer too",
                hint: "Your params have a gamma and beta for the last layer. Normalization follows each hidden affine layer only: what would normalizing the scores do to the softmax?",
                handlers: .fullyConnectedNet(NormalizedLastLayerNet.self)),
        Mistake("fc-net-normalization-gradients-missing", title: "gamma and beta missing from the gradients",
                hint: "Your grads have no entry for gamma and beta. Every entry of params is learned, so every one needs a gradient under the same name: what do the normalization sandwiches return besides dx, dw and db?",
                handlers: .fullyConnectedNet(MissingNormalizationGradientsNet.self)),
    ]
}

/// A fully-connected net that is the reference except for its loss and gradients.
protocol FullyConnectedNetLossMistake: LossMistake, FullyConnectedClassifier where Reference == FullyConnectedNet {
    init(reference: FullyConnectedNet)
}

extension FullyConnectedNetLossMistake {
    init(_ configuration: NetworkConfiguration) {
        self.init(reference: FullyConnectedNet(configuration))
    }
    var configuration: NetworkConfiguration { reference.configuration }
    var batchNormStates: [BatchNormState] {
        get { reference.batchNormStates }
        set { reference.batchNormStates = newValue }
    }
}

/// The loss `reg · Σ W²` and the gradients `2 · reg · W`.
struct FullStrengthRegularizationNet: FullyConnectedNetLossMistake {
    var reference: FullyConnectedNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        adding(l2Penalty(params, on: "W", reg: configuration.reg), to: (loss, grads))
    }
}

/// `0.5 · reg · Σ b²` in the loss and `reg · b` in the biases' gradients.
struct RegularizedBiasesNet: FullyConnectedNetLossMistake {
    var reference: FullyConnectedNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        adding(l2Penalty(params, on: "b", reg: configuration.reg), to: (loss, grads))
    }
}

/// `0.5 · reg · (Σ γ² + Σ β²)` in the loss, and `reg · γ`, `reg · β` in their gradients.
struct RegularizedNormalizationNet: FullyConnectedNetLossMistake {
    var reference: FullyConnectedNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        let reg = configuration.reg
        return adding(l2Penalty(params, on: "beta", reg: reg), to: adding(l2Penalty(params, on: "gamma", reg: reg), to: (loss, grads)))
    }
}

/// The penalty in the loss, but no `reg · W` in the weights' gradients.
struct UnregularizedGradientsNet: FullyConnectedNetLossMistake {
    var reference: FullyConnectedNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        let penalty = l2Penalty(params, on: "W", reg: configuration.reg)
        return (loss, grads.merging(penalty.grads.mapValues { -$0 }, uniquingKeysWith: +))
    }
}

/// No `grad.gamma<i>` or `grad.beta<i>`: only the affine layers' gradients are returned.
struct MissingNormalizationGradientsNet: FullyConnectedNetLossMistake {
    var reference: FullyConnectedNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        (loss, grads.filter { !$0.key.hasPrefix("gamma") && !$0.key.hasPrefix("beta") })
    }
}

/// `loss` trains with copies of the batch-norm states and drops the updated copies, so
/// the running statistics never move.
struct ForgetfulBatchNormNet: FullyConnectedNetLossMistake, ForgetfulLossMistake {
    var reference: FullyConnectedNet
}

/// `loss` hands the batch-norm layers new states instead of the net's own, so each
/// step's running averages start from zeros.
struct ResettingBatchNormNet: FullyConnectedNetLossMistake, ResettingLossMistake {
    var reference: FullyConnectedNet
}

/// The reference's weights drawn with the standard deviation of the layer's fan-out
/// (the same random numbers, rescaled), for Xavier and Kaiming.
struct FanOutInitializationNet: FullyConnectedNetLossMistake {
    var reference: FullyConnectedNet

    init(reference: FullyConnectedNet) {
        self.reference = reference
        let initialization = reference.configuration.initialization
        if case .scale = initialization { return }
        for (key, weights) in reference.params where key.hasPrefix("W") && weights.rank == 2 {
            let (fanIn, fanOut) = (weights.shape[0], weights.shape[1])
            self.reference.params[key] = weights * (initialization.standardDeviation(fanIn: fanOut)
                                                    / initialization.standardDeviation(fanIn: fanIn))
        }
    }

    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        (loss, grads)
    }
}

/// With normalization, a `gamma` (ones) and `beta` (zeros) for the last layer as well,
/// which the loss never uses (their gradients are zeros).
struct NormalizedLastLayerNet: FullyConnectedNetLossMistake {
    var reference: FullyConnectedNet
    /// The last layer's number: `W<last>` is the score layer.
    var last: Int { reference.configuration.hiddenDimensions.count + 1 }

    init(reference: FullyConnectedNet) {
        self.reference = reference
        guard reference.configuration.normalization != nil else { return }
        let classes = reference.configuration.classes
        self.reference.params["gamma\(last)"] = .ones([classes])
        self.reference.params["beta\(last)"] = .zeros([classes])
    }

    var params: [String: Tensor] {
        get { reference.params }
        set { reference.params = newValue }
    }

    mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        // The reference's loss, on its own parameters only.
        var own = reference
        own.params = own.params.filter { $0.key != "gamma\(last)" && $0.key != "beta\(last)" }
        let (loss, grads) = own.loss(x, labels: labels)
        reference.batchNormStates = own.batchNormStates
        return mistaken(loss, grads.merging(reference.params.filter { $0.key == "gamma\(last)" || $0.key == "beta\(last)" }
            .mapValues { Tensor.zeros(like: $0) }) { a, _ in a }, batchSize: labels.count)
    }

    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        (loss, grads)
    }
}
