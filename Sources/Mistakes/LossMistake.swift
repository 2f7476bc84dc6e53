import Curriculum
import TensorKit

// What the network mistakes of both nets share: a network that is the reference except
// for what it makes of the reference's loss, and the L2 penalties those mistakes add
// or leave out.

/// A network that is the reference except for what it makes of the reference's loss
/// and gradients.
protocol LossMistake: Classifier {
    associatedtype Reference: Classifier
    var reference: Reference { get set }
    /// The mistaken loss and gradients, from the reference's on a batch of
    /// `batchSize` examples.
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor])
}

extension LossMistake {
    var params: [String: Tensor] {
        get { reference.params }
        set { reference.params = newValue }
    }
    func scores(_ x: Tensor) -> Tensor { reference.scores(x) }
    mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (loss, grads) = reference.loss(x, labels: labels)
        return mistaken(loss, grads, batchSize: labels.count)
    }
}

/// A network whose training step runs on a copy of the reference that is then
/// dropped: its loss and gradients are right, but the batch-norm running statistics
/// never move.
protocol ForgetfulLossMistake: LossMistake {}

extension ForgetfulLossMistake {
    mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        var training = reference
        return training.loss(x, labels: labels)
    }
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        (loss, grads)
    }
}

/// A network whose every training step runs on fresh batch-norm states, as `init` makes
/// them, instead of the states it holds: each step's updated states are kept, but the
/// running averages start again from zeros at every step instead of carrying over.
protocol ResettingLossMistake: LossMistake where Reference: BatchNormClassifier {}

extension ResettingLossMistake {
    mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        reference.batchNormStates = reference.batchNormStates.map { _ in BatchNormState() }
        return reference.loss(x, labels: labels)
    }
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        (loss, grads)
    }
}

/// The L2 penalty `0.5 · reg · Σ t²` over the parameters named `kind` followed by a
/// layer number (`"W"`: `W1, W2, …`), and its gradient `reg · t` for each of them.
func l2Penalty(_ params: [String: Tensor], on kind: String, reg: Double) -> (loss: Double, grads: [String: Tensor]) {
    let chosen = params.filter { $0.key.hasPrefix(kind) && Int($0.key.dropFirst(kind.count)) != nil }
    // Summed in name order: a dictionary's order changes from run to run, and with it the
    // loss's last bits (and a recorded signature's numeric gradients).
    var loss = 0.0
    for (_, t) in chosen.sorted(by: { $0.key < $1.key }) { loss += 0.5 * reg * (t * t).sum().scalar }
    return (loss, chosen.mapValues { reg * $0 })
}

/// `loss + a.loss` and `grads + a.grads` (`a`'s gradients scaled by `factor`).
func adding(_ a: (loss: Double, grads: [String: Tensor]), times factor: Double = 1,
            to b: (loss: Double, grads: [String: Tensor])) -> (loss: Double, grads: [String: Tensor]) {
    (b.loss + factor * a.loss, b.grads.merging(a.grads.mapValues { factor * $0 }, uniquingKeysWith: +))
}
