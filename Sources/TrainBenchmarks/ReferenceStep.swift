import Curriculum
import Solutions
import TensorKit

/// The benchmark's step through the reference solutions as students read them:
/// `Net.loss` for the forward and backward pass, then `Optimizers.adam` (learning rate
/// 1e-3) on every parameter — what the course's Solver does each iteration.
struct ReferenceStep<Net: Classifier> {
    var net: Net
    var states: [String: AdamState]
    let optimizers = Optimizers()

    init(_ net: Net) {
        self.net = net
        states = net.params.mapValues { _ in AdamState(learningRate: 1e-3) }
    }

    /// Forward, backward and an Adam update of every parameter.
    /// - Parameters:
    ///   - x: the batch, in the shape `Net` takes (`(N, D)`, or `(N, C, H, W)` for a ConvNet).
    ///   - labels: `N` class indices.
    /// - Returns: the loss before the update.
    mutating func trainStep(_ x: Tensor, labels: [Int]) -> Double {
        let (loss, grads) = net.loss(x, labels: labels)
        for (name, dw) in grads {
            net.params[name] = optimizers.adam(net.params[name]!, dw, state: &states[name]!)
        }
        return loss
    }
}

extension ReferenceStep where Net == FullyConnectedNet {
    /// The course's fully-connected net with batch norm and dropout.
    /// - Parameters:
    ///   - sizes: `[D, H1, …, C]`.
    ///   - reg: L2 strength.
    ///   - keep: dropout keep probability.
    init(sizes: [Int], reg: Double, keep: Double, seed: UInt64) {
        self.init(FullyConnectedNet(NetworkConfiguration(
            inputDimension: sizes[0], hiddenDimensions: Array(sizes.dropFirst().dropLast()),
            classes: sizes.last!, normalization: .batch, keepProbability: keep, reg: reg,
            seed: seed)))
    }
}
