import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in the dropout layers of the fully-connected net: the reference network
// with a mistaken dropout layer in place of the reference's (and, for scores in train
// mode, a batch norm that trains too), or with the wrong argument handed to it. The masks are the reference's (one uniform number per unit
// from the layer's seeded generator), so each differs from the reference only by its
// mistake.

extension MistakeCatalog {
    /// Mistakes of the `fc-net` exercise's dropout layers.
    public static let fullyConnectedNetDropout: [Mistake] = [
        Mistake("fc-net-dropout-keep-as-drop", title: "the dropout layers given 1 − keepProbability (keep read as drop)",
                hint: "With dropout your network's loss is right at keepProbability 0.5 only. configuration.keepProbability is the probability of keeping a unit: what does your network hand its dropout layers?",
                handlers: .fullyConnectedNet(DropProbabilityNet.self)),
        Mistake("fc-net-dropout-at-test", title: "dropout active in test mode (scores)",
                hint: "With dropout your test-mode scores are not those of the whole network. In test mode inverted dropout passes everything through: which mode do your dropout layers get in scores?",
                handlers: .fullyConnectedNet(FullyConnectedNetwork<BatchNorm, TestDroppingDropout>.self)),
        Mistake("fc-net-scores-in-train-mode", title: "test-time scores computed in train mode (batch statistics, dropout on)",
                hint: "Your training step is right, but your test-mode scores are not, with batch norm and with dropout alike. What does each of those layers do differently at test time, and which mode does your scores hand them?",
                handlers: .fullyConnectedNet(FullyConnectedNetwork<TrainModeBatchNorm, TestDroppingDropout>.self)),
        Mistake("fc-net-dropout-not-rescaled", title: "dropout keeps units without dividing them by keepProbability",
                hint: "With dropout your loss and gradients are off, yet zero where the reference's units are dropped. Inverted dropout divides the kept units by keepProbability in training: does yours?",
                handlers: .fullyConnectedNet(FullyConnectedNetwork<BatchNorm, UnscaledDropout>.self)),
        Mistake("fc-net-dropout-backward-skipped", title: "backward skips the dropout layers",
                hint: "With dropout your loss is right but your gradients reach units the forward pass dropped. The backward pass of each hidden layer starts with its dropout's backward: is it there?",
                handlers: .fullyConnectedNet(FullyConnectedNetwork<BatchNorm, MasklessBackwardDropout>.self)),
    ]
}

/// The reference network whose dropout layers are given `1 − keepProbability`.
struct DropProbabilityNet: FullyConnectedClassifier {
    var reference: FullyConnectedNet
    let configuration: NetworkConfiguration

    init(_ configuration: NetworkConfiguration) {
        self.configuration = configuration
        var swapped = configuration
        if configuration.keepProbability < 1 { swapped.keepProbability = 1 - configuration.keepProbability }
        reference = FullyConnectedNet(swapped)
    }

    var params: [String: Tensor] {
        get { reference.params }
        set { reference.params = newValue }
    }
    var batchNormStates: [BatchNormState] {
        get { reference.batchNormStates }
        set { reference.batchNormStates = newValue }
    }

    func scores(_ x: Tensor) -> Tensor { reference.scores(x) }

    mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        reference.loss(x, labels: labels)
    }
}

/// The reference batch norm, which normalizes with the batch's statistics in test mode
/// as in training (and updates a copy of the state that `scores` drops).
struct TrainModeBatchNorm: BatchNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: BatchNorm.Cache) {
        BatchNorm().forward(x, gamma: gamma, beta: beta, mode: .train, state: &state)
    }
    func backward(_ dout: Tensor, cache: BatchNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        BatchNorm().backward(dout, cache: cache)
    }
    func backwardAlt(_ dout: Tensor, cache: BatchNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        BatchNorm().backwardAlt(dout, cache: cache)
    }
}

/// The reference's dropout, which drops in test mode as in training.
struct TestDroppingDropout: DropoutLayer {
    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Dropout.Cache) {
        var training = parameters
        training.mode = .train
        return Dropout().forward(x, parameters: training)
    }
    func backward(_ dout: Tensor, cache: Dropout.Cache) -> Tensor { Dropout().backward(dout, cache: cache) }
}
