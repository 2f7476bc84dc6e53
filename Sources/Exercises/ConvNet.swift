import Curriculum
import TensorKit

/// Exercise `convnet`: a convolutional network of any depth, built from Curriculum's
/// conv sandwiches (fast convolution and max pooling are given) and your own ReLU,
/// affine layer and spatial batch norm.
///
/// With `M = configuration.filters.count` conv layers and
/// `K = configuration.hiddenDimensions.count` hidden affine layers:
/// `{conv – [spatial batch norm] – ReLU – [2×2 max pool]} × M – {affine – ReLU} × K – affine – softmax`.
/// Layers are counted from 1, conv layers first: conv layer `i` owns `W<i>`, `b<i>` and,
/// with batch norm, `gamma<i>`, `beta<i>`; the affine layers come next, the last one
/// giving the scores (it is never followed by a ReLU).
/// Handout: `assignments/13-convnet/README.md`. Check: `swift run grader check convnet`.
public struct ConvNet: ConvNetClassifier {
    /// `W1 … WL`, `b1 … bL`, and with batch norm `gamma<i>`, `beta<i>` for each conv layer.
    public var params: [String: Tensor]
    public let configuration: ConvNetConfiguration
    /// One state per conv layer with batch norm, `[]` otherwise: pass
    /// `batchNormStates[i − 1]` to the batch norm of conv layer `i`.
    public var batchNormStates: [BatchNormState]

    /// A network with fresh parameters, as ``configuration`` describes.
    ///
    /// Fill ``params``, drawing every weight in layer order from one
    /// `SeededGenerator(seed: configuration.seed)`:
    /// - conv layer `i`: filters `W<i>` of shape `(F_i, C, K, K)`, where `C` is the
    ///   channels coming in (the image's own for the first layer, `F_(i−1)` after) and
    ///   `K = configuration.filterSize`; `b<i>` zeros of shape `(F_i,)`; with batch norm,
    ///   `gamma<i>` ones and `beta<i>` zeros of shape `(F_i,)`.
    /// - each affine layer: `W<i>` of shape `(D_in, D_out)` and `b<i>` zeros. The first
    ///   one's `D_in` is the size of one image's last feature maps, flattened: work out
    ///   what the convolutions (which keep the height and width) and the 2×2 pools
    ///   (which halve them, rounding down) leave.
    ///
    /// Every weight is a normal draw with mean 0 and the standard deviation
    /// `configuration.initialization.standardDeviation(fanIn:)` gives for its layer's
    /// fan-in: the number of inputs each output sums over (for a filter, more than its
    /// channels). `Tensor.randomNormal(_:standardDeviation:using:)` draws any shape.
    ///
    /// - Parameter configuration: shapes, batch norm, reg, initialization, seed.
    public init(_ configuration: ConvNetConfiguration) {
        self.configuration = configuration
        self.params = [:]
        self.batchNormStates = configuration.batchNorm
            ? Array(repeating: BatchNormState(), count: configuration.filters.count)
            : []
        TODO("convnet")
    }

    /// Test mode: the class scores. Batch norm normalizes with its running statistics
    /// (and does not update them).
    ///
    /// - Parameter x: images of shape `(N, C, H, W)`.
    /// - Returns: scores of shape `(N, classes)`.
    ///
    /// Hints: as in your fully-connected net, write the forward pass once, as a helper
    /// that takes a ``Mode`` and returns the scores and every layer's cache. For conv
    /// layers, Curriculum's `ConvReLUPool(relu: ReLU())` and
    /// `ConvBatchNormReLUPool(batchNorm: SpatialBatchNorm(), relu: ReLU())` take your own
    /// layers; give them `padding: configuration.padding` and `poolSize: 2` after the
    /// layers `configuration.pools` names (counted from 0), `nil` elsewhere. Your
    /// `Affine` reads an `(N, F, H′, W′)` input as `N` rows: think about whether you need
    /// to reshape it yourself, and if you do, in which order the values must stay.
    public func scores(_ x: Tensor) -> Tensor {
        TODO("convnet")
    }

    /// Train mode: the loss and its gradient with respect to every entry of ``params``.
    ///
    /// The forward pass in `.train` mode (batch norm uses the batch's statistics and
    /// updates ``batchNormStates``, the states the net holds, so that their running
    /// averages carry over from one training step to the next), Curriculum's
    /// `softmaxLoss` on the scores, plus `0.5 · reg · Σ W<i>²` over every weight tensor,
    /// conv filters included; then the backward pass, last layer first, each layer's
    /// backward taking its own cache. Add `reg · W<i>` to each `dW<i>`; biases, `gamma`
    /// and `beta` are not regularized.
    ///
    /// - Parameters:
    ///   - x: images of shape `(N, C, H, W)`.
    ///   - labels: `N` class indices in `0..<classes`.
    /// - Returns: the loss and `grads` with the keys and shapes of ``params``.
    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        TODO("convnet")
    }
}
