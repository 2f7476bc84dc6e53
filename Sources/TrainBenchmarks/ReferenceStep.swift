import Curriculum
import Solutions
import TensorKit

/// The benchmark's step through the reference solutions as students read them:
/// `FullyConnectedNet.loss` for the forward and backward pass, then
/// `Optimizers.adam` on every parameter.
struct ReferenceStep {
    var net: FullyConnectedNet
    var states: [String: AdamState]
    let optimizers = Optimizers()

    /// - Parameters:
    ///   - sizes: `[D, H1, …, C]`.
    ///   - reg: L2 strength.
    ///   - keep: dropout keep probability.
    init(sizes: [Int], reg: Double, keep: Double, seed: UInt64) {
        net = FullyConnectedNet(NetworkConfiguration(
            inputDimension: sizes[0], hiddenDimensions: Array(sizes.dropFirst().dropLast()),
            classes: sizes.last!, normalization: .batch, keepProbability: keep, reg: reg,
            seed: seed))
        states = net.params.mapValues { _ in AdamState(learningRate: 1e-3) }
    }

    /// Forward, backward and an Adam update of every parameter.
    /// - Returns: the loss before the update.
    mutating func trainStep(_ x: Tensor, labels: [Int]) -> Double {
        let (loss, grads) = net.loss(x, labels: labels)
        for (name, dw) in grads {
            net.params[name] = optimizers.adam(net.params[name]!, dw, state: &states[name]!)
        }
        return loss
    }
}
