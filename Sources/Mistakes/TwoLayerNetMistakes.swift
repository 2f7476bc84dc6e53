import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in the two-layer net. Those in the regularization or the averaging change
// the reference's loss and gradients by a term computed from the parameters; those in
// the wiring or the softmax are nets wired by hand from the reference's layers.

extension MistakeCatalog {
    /// Mistakes of the `two-layer-net` exercise.
    public static let twoLayerNet: [Mistake] = [
        Mistake("two-layer-net-reg-full-strength", title: "regularization reg·Σ W² (and 2·reg·W) instead of 0.5·reg·Σ W²",
                hint: "Your regularization is twice the course's, in the loss and in the gradients alike. Which constant in front of Σ W² makes the gradient come out as exactly reg · W?",
                handlers: .twoLayerNet(FullStrengthRegularizationTwoLayerNet.self)),
        Mistake("two-layer-net-reg-on-biases", title: "biases regularized along with the weights",
                hint: "Your loss and your bias gradients change with reg. Which parameters does L2 regularization penalize, and what would shrinking a bias toward zero buy?",
                handlers: .twoLayerNet(RegularizedBiasesTwoLayerNet.self)),
        Mistake("two-layer-net-reg-missing-from-gradients", title: "regularization in the loss but not in the weights' gradients",
                hint: "Your loss includes the regularization but your weight gradients do not. Every term of the loss contributes to the gradient: what does 0.5 · reg · Σ W² contribute to dW?",
                handlers: .twoLayerNet(UnregularizedGradientsTwoLayerNet.self)),
        Mistake("two-layer-net-reg-missing-from-loss", title: "regularization in the weights' gradients but not in the loss",
                hint: "Your weight gradients include reg · W, but your loss does not change with reg. A gradient is the derivative of the loss you return: which term of that loss would have reg · W as its derivative?",
                handlers: .twoLayerNet(UnregularizedLossTwoLayerNet.self)),
        Mistake("two-layer-net-relu-after-last-layer", title: "a ReLU after the last affine layer",
                hint: "None of your scores is ever negative. Scores are the input of the softmax, where any real number is allowed: should anything follow the last affine layer?",
                handlers: .twoLayerNet(ReLUOnScoresTwoLayerNet.self)),
        Mistake("two-layer-net-softmax-without-max-shift", title: "softmax without subtracting each row's maximum (overflows on large scores)",
                hint: "Your loss becomes NaN or infinite when some scores are large, although nothing is wrong with the scores. What is exp(1000) in floating point, and which shift of the scores leaves the softmax unchanged but keeps every exponent at most 0?",
                handlers: .twoLayerNet(UnshiftedSoftmaxTwoLayerNet.self)),
        Mistake("two-layer-net-loss-summed", title: "data loss summed over the batch instead of averaged",
                hint: "Your loss grows with the batch size: with tiny weights it is N·log C instead of log C. The loss of a batch is the average of its examples' losses: where does the 1/N go, and into which gradients does it carry?",
                handlers: .twoLayerNet(SummedLossTwoLayerNet.self)),
    ]
}

// MARK: - Changes to the reference's loss

/// A two-layer net that is the reference except for its loss and gradients.
protocol TwoLayerNetLossMistake: LossMistake, TwoLayerClassifier where Reference == TwoLayerNet {
    init(reference: TwoLayerNet)
}

extension TwoLayerNetLossMistake {
    init(inputDimension: Int, hiddenDimension: Int, classes: Int, weightScale: Double, reg: Double, seed: UInt64) {
        self.init(reference: TwoLayerNet(inputDimension: inputDimension, hiddenDimension: hiddenDimension,
                                         classes: classes, weightScale: weightScale, reg: reg, seed: seed))
    }
}

/// The loss `reg · Σ W²` and the gradients `2 · reg · W`: the reference's penalty twice.
struct FullStrengthRegularizationTwoLayerNet: TwoLayerNetLossMistake {
    var reference: TwoLayerNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        adding(l2Penalty(params, on: "W", reg: reference.reg), to: (loss, grads))
    }
}

/// `0.5 · reg · Σ b²` added to the loss, and `reg · b` to the biases' gradients.
struct RegularizedBiasesTwoLayerNet: TwoLayerNetLossMistake {
    var reference: TwoLayerNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        adding(l2Penalty(params, on: "b", reg: reference.reg), to: (loss, grads))
    }
}

/// The penalty in the loss, but no `reg · W` in the weights' gradients.
struct UnregularizedGradientsTwoLayerNet: TwoLayerNetLossMistake {
    var reference: TwoLayerNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        let penalty = l2Penalty(params, on: "W", reg: reference.reg)
        return (loss, grads.merging(penalty.grads.mapValues { -$0 }, uniquingKeysWith: +))
    }
}

/// `reg · W` in the weights' gradients, but no penalty in the loss.
struct UnregularizedLossTwoLayerNet: TwoLayerNetLossMistake {
    var reference: TwoLayerNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        (loss - l2Penalty(params, on: "W", reg: reference.reg).loss, grads)
    }
}

/// The softmax loss summed over the batch (the penalty unchanged): the data loss and
/// its gradients are `N` times the reference's.
struct SummedLossTwoLayerNet: TwoLayerNetLossMistake {
    var reference: TwoLayerNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        let n = Double(batchSize)
        let penalty = l2Penalty(params, on: "W", reg: reference.reg)
        let data = adding(penalty, times: -1, to: (loss, grads))
        return adding(penalty, to: (n * data.loss, data.grads.mapValues { n * $0 }))
    }
}

// MARK: - Nets wired by hand

/// A two-layer net wired by hand from the reference's layers, for the mistakes that
/// live in the wiring or in the loss. Its initial parameters are the reference's.
protocol HandWiredTwoLayerNet: TwoLayerClassifier {
    var reg: Double { get }
    init(params: [String: Tensor], reg: Double)
}

extension HandWiredTwoLayerNet {
    init(inputDimension: Int, hiddenDimension: Int, classes: Int, weightScale: Double, reg: Double, seed: UInt64) {
        self.init(params: TwoLayerNet(inputDimension: inputDimension, hiddenDimension: hiddenDimension, classes: classes,
                                      weightScale: weightScale, reg: reg, seed: seed).params,
                  reg: reg)
    }
}

/// A ReLU after the second affine layer too: both layers are affine–ReLU sandwiches.
struct ReLUOnScoresTwoLayerNet: HandWiredTwoLayerNet {
    var params: [String: Tensor]
    var reg: Double
    static let hidden = AffineReLU(affine: Affine(), relu: ReLU())
    static let output = AffineReLU(affine: Affine(), relu: ReLU())

    func scores(_ x: Tensor) -> Tensor {
        let (h, _) = Self.hidden.forward(x, parameter(named: "W1"), parameter(named: "b1"))
        return Self.output.forward(h, parameter(named: "W2"), parameter(named: "b2")).out
    }

    mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (h, hiddenCache) = Self.hidden.forward(x, parameter(named: "W1"), parameter(named: "b1"))
        let (scores, outputCache) = Self.output.forward(h, parameter(named: "W2"), parameter(named: "b2"))
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let (dh, dw2, db2) = Self.output.backward(dscores, cache: outputCache)
        let (_, dw1, db1) = Self.hidden.backward(dh, cache: hiddenCache)
        return adding(l2Penalty(params, on: "W", reg: reg), to: (dataLoss, ["W1": dw1, "b1": db1, "W2": dw2, "b2": db2]))
    }
}

/// The softmax loss computed as `exp(s) / Σ exp(s)` straight from the scores: right
/// until some score passes about 709, where `exp` overflows to infinity and the loss
/// and gradients become NaN.
struct UnshiftedSoftmaxTwoLayerNet: HandWiredTwoLayerNet {
    var params: [String: Tensor]
    var reg: Double
    static let hidden = AffineReLU(affine: Affine(), relu: ReLU())
    static let output = Affine()

    func scores(_ x: Tensor) -> Tensor {
        let (h, _) = Self.hidden.forward(x, parameter(named: "W1"), parameter(named: "b1"))
        return Self.output.forward(h, parameter(named: "W2"), parameter(named: "b2")).out
    }

    mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (h, hiddenCache) = Self.hidden.forward(x, parameter(named: "W1"), parameter(named: "b1"))
        let (scores, outputCache) = Self.output.forward(h, parameter(named: "W2"), parameter(named: "b2"))
        let n = Double(labels.count)
        let e = exp(scores)
        let probabilities = e / e.sum(axis: 1, keepDims: true)
        let dataLoss = -log(probabilities.gather(columns: labels)).sum().scalar / n
        let dscores = probabilities.scatterAdding(.full([labels.count], -1), columns: labels) / n
        let (dh, dw2, db2) = Self.output.backward(dscores, cache: outputCache)
        let (_, dw1, db1) = Self.hidden.backward(dh, cache: hiddenCache)
        return adding(l2Penalty(params, on: "W", reg: reg), to: (dataLoss, ["W1": dw1, "b1": db1, "W2": dw2, "b2": db2]))
    }
}
