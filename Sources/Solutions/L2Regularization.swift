import Curriculum
import TensorKit

extension Classifier {
    /// The data loss plus `0.5 · reg · Σ W<i>²` over the weight tensors `W1 … W<layers>`
    /// (biases, `gamma` and `beta` are not penalized), with `reg · W<i>` added to each
    /// one's gradient.
    func regularized(_ dataLoss: Double, _ grads: [String: Tensor], layers: Int, reg: Double)
        -> (loss: Double, grads: [String: Tensor])
    {
        var grads = grads
        var regularization = 0.0
        for layer in 1...layers {
            let w = parameter(named: "W\(layer)")
            regularization += 0.5 * reg * (w * w).sum().scalar
            grads["W\(layer)"]! += reg * w
        }
        return (dataLoss + regularization, grads)
    }
}
