import Curriculum
import TensorKit

/// Exercise `fc-net`: a fully-connected network of any depth, built from your own
/// layers.
///
/// With `L − 1 = configuration.hiddenDimensions.count` hidden layers:
/// `{affine – [batch or layer norm] – ReLU – [dropout]} × (L − 1) – affine – softmax`.
/// Layer `i` (counted from 1) owns `W<i>`, `b<i>` and, with normalization,
/// `gamma<i>`, `beta<i>`; the last affine layer is `W<L>`, `b<L>` and is never
/// normalized, activated or dropped out.
/// Handout: `assignments/05-fc-net/README.md`. Check: `swift run grader check fc-net`.
public struct FullyConnectedNet: FullyConnectedClassifier {
    /// `W1 … WL`, `b1 … bL`, and with normalization `gamma1 … gamma<L−1>`,
    /// `beta1 … beta<L−1>`.
    public var params: [String: Tensor]
    public let configuration: NetworkConfiguration
    /// One state per hidden layer with batch normalization, `[]` otherwise: pass
    /// `batchNormStates[i − 1]` to the batch norm of hidden layer `i`.
    public var batchNormStates: [BatchNormState]

    /// A network with fresh parameters, as ``configuration`` describes.
    ///
    /// Fill ``params`` for layer sizes `inputDimension, hiddenDimensions…, classes`:
    /// - `W<i>` of shape `(fanIn, fanOut)`, from `configuration.initialization`, whose
    ///   `weights(fanIn:fanOut:using:)` knows the `.scale`, `.xavier` and `.kaiming`
    ///   standard deviations;
    /// - `b<i>` zeros of shape `(fanOut,)`;
    /// - with normalization, for each hidden layer, `gamma<i>` ones and `beta<i>`
    ///   zeros of the layer's width, so that the normalized layer starts as a plain
    ///   standardization.
    /// Draw every weight from one `SeededGenerator(seed: configuration.seed)`.
    ///
    /// - Parameter configuration: sizes, normalization, dropout, reg, initialization, seed.
    public init(_ configuration: NetworkConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.normalization == .batch
            ? Array(repeating: BatchNormState(), count: configuration.hiddenDimensions.count)
            : []
        TODO("fc-net")
    }

    /// Test mode: the class scores. Batch norm normalizes with its running statistics
    /// (and does not update them; before any training step they count as zeros, as in
    /// the `batchnorm` exercise); dropout passes everything through.
    ///
    /// - Parameter x: inputs of shape `(N, D)`.
    /// - Returns: scores of shape `(N, C)`.
    ///
    /// Hints: write the forward pass once, as a helper that takes a ``Mode`` and returns
    /// the scores and every layer's cache, and call it from here and from
    /// ``loss(_:labels:)``. This method cannot change `self`, so hand the helper a copy
    /// of ``batchNormStates``. Curriculum's `AffineReLU`, `AffineBatchNormReLU` and
    /// `AffineLayerNormReLU` sandwiches take your own layers (`Affine()`, `ReLU()`,
    /// `BatchNorm()`, `LayerNorm()`); dropout comes after the sandwich, with
    /// `DropoutParameters(keepProbability:mode:seed:)` built from the configuration.
    public func scores(_ x: Tensor) -> Tensor {
        TODO("fc-net")
    }

    /// Train mode: the loss and its gradient with respect to every entry of ``params``.
    ///
    /// The forward pass in `.train` mode (batch norm uses the batch's statistics and
    /// updates ``batchNormStates``, the states the net holds, so that their running
    /// averages carry over from one training step to the next; dropout drops),
    /// Curriculum's `softmaxLoss` on the scores, plus `0.5 · reg · Σ W<i>²` over every
    /// weight matrix; then the backward pass, last layer first, each layer's backward
    /// taking its own cache. Add `reg · W<i>` to each `dW<i>`; biases, `gamma` and
    /// `beta` are not regularized.
    ///
    /// - Parameters:
    ///   - x: inputs of shape `(N, D)`.
    ///   - labels: `N` class indices in `0..<C`.
    /// - Returns: the loss and `grads` with the keys and shapes of ``params``.
    ///
    /// Hints: keep the caches in an array indexed by layer. With dropout the order
    /// backward is: dropout, then the sandwich. Your gradients are checked against a
    /// numeric gradient of this same function, so with dropout the mask must be the
    /// same on every call: that is what `configuration.dropoutSeed` is for.
    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        TODO("fc-net")
    }
}
