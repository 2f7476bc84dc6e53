import Curriculum
import TensorKit

/// Exercise `two-layer-net`: affine – ReLU – affine – softmax, built from your own
/// layers.
///
/// For inputs of dimension `D`, a hidden layer of width `H` and `C` classes:
/// `x (N, D) → Affine(W1, b1) → ReLU → (N, H) → Affine(W2, b2) → scores (N, C)`,
/// and in training the softmax loss of the scores plus L2 regularization.
/// Handout: `assignments/03-two-layer-net/README.md`.
/// Check: `swift run grader check two-layer-net`.
public struct TwoLayerNet: TwoLayerClassifier {
    /// `W1` `(D, H)`, `b1` `(H,)`, `W2` `(H, C)`, `b2` `(C,)`.
    public var params: [String: Tensor]
    /// The L2 regularization strength.
    public var reg: Double

    /// A network with random weights and zero biases.
    ///
    /// Fill ``params``: `W1` and `W2` drawn from a normal distribution with mean 0 and
    /// standard deviation `weightScale`, `b1` and `b2` zeros. Draw every random number
    /// from one `SeededGenerator(seed: seed)`, so that a seed always gives the same
    /// network.
    ///
    /// - Parameters:
    ///   - inputDimension: `D`.
    ///   - hiddenDimension: `H`.
    ///   - classes: `C`.
    ///   - weightScale: standard deviation of the initial weights.
    ///   - reg: L2 regularization strength.
    ///   - seed: seeds the initial weights.
    ///
    /// Hints: `Tensor.randomNormal(_:standardDeviation:using:)` and `Tensor.zeros(_:)`;
    /// Curriculum's `WeightInitialization.scale(weightScale)` can draw the weights for you.
    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        TODO("two-layer-net")
    }

    /// Test mode: the class scores, one row per example.
    ///
    /// - Parameter x: inputs of shape `(N, D)`.
    /// - Returns: scores of shape `(N, C)`. No softmax here: the largest score is the
    ///   predicted class either way.
    ///
    /// Hints: use your own `Affine()` and `ReLU()`, or Curriculum's `AffineReLU` sandwich
    /// (affine then ReLU in one call, generic over the layers you hand it). There is no
    /// ReLU after the last affine layer.
    public func scores(_ x: Tensor) -> Tensor {
        TODO("two-layer-net")
    }

    /// Train mode: the loss, and its gradient with respect to every parameter.
    ///
    /// 1. The forward pass of ``scores(_:)``, keeping every layer's cache.
    /// 2. The data loss and its gradient with respect to the scores, from Curriculum's
    ///    `softmaxLoss`.
    /// 3. Add `0.5 · reg · (Σ W1² + Σ W2²)`: weights only, not biases.
    /// 4. The backward pass through the layers in reverse order, each backward taking
    ///    the cache its own forward returned.
    /// 5. Add the regularization's own gradient to `dW1` and `dW2`.
    ///
    /// - Parameters:
    ///   - x: inputs of shape `(N, D)`.
    ///   - labels: `N` class indices in `0..<C`.
    /// - Returns: the loss (a number) and `grads` with the keys and shapes of ``params``.
    ///
    /// Hint: `softmaxLoss` already divides by `N`; do not divide again.
    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        TODO("two-layer-net")
    }
}
