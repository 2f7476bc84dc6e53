import TensorKit

/// A model that scores `C` classes and can be trained by the ``Solver``.
///
/// Parameters live in ``params`` under the course's names: `W1, b1, W2, b2, …` and,
/// with normalization, `gamma1, beta1, …`.
public protocol Classifier: Sendable {
    /// Every learnable tensor, by name.
    var params: [String: Tensor] { get set }

    /// Test mode: class scores of shape `(N, C)` for inputs `x` of shape `(N, D)`.
    /// Batch norm uses its running statistics; dropout is the identity.
    func scores(_ x: Tensor) -> Tensor

    /// Train mode: the softmax loss plus L2 regularization `0.5 · reg · Σ W²` (weights
    /// only), and its gradient with respect to every entry of ``params``, under the
    /// same names. Updates batch-norm running statistics.
    /// - Parameters:
    ///   - x: inputs of shape `(N, D)`.
    ///   - labels: `N` class indices in `0..<C`.
    mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor])
}

/// A classifier whose batch-norm layers keep running statistics, which the ``Solver``
/// saves and restores with its parameters (``ModelSnapshot``).
public protocol BatchNormClassifier: Classifier {
    /// One state per batch-norm layer, first to last; `[]` without batch norm.
    var batchNormStates: [BatchNormState] { get set }
}

/// Exercise `two-layer-net`: affine – ReLU – affine – softmax.
public protocol TwoLayerClassifier: Classifier {
    /// - Parameters:
    ///   - inputDimension: `D`.
    ///   - hiddenDimension: `H`.
    ///   - classes: `C`.
    ///   - weightScale: standard deviation of the normal initial weights; biases start at zero.
    ///   - reg: L2 regularization strength.
    ///   - seed: seeds the initial weights.
    init(inputDimension: Int, hiddenDimension: Int, classes: Int,
         weightScale: Double, reg: Double, seed: UInt64)
}

/// Which normalization a fully-connected net puts after each hidden affine layer.
public enum Normalization: String, Sendable, Codable, CaseIterable {
    case batch = "batchnorm"
    case layer = "layernorm"
}

/// Everything that defines a ``FullyConnectedClassifier``.
public struct NetworkConfiguration: Sendable, Hashable, Codable {
    /// `D`: the length of one input row.
    public var inputDimension: Int
    /// The width of each hidden layer; `[]` is a linear softmax classifier.
    public var hiddenDimensions: [Int]
    /// `C`: the number of classes.
    public var classes: Int
    /// Normalization after each hidden affine layer, or `nil` for none.
    public var normalization: Normalization?
    /// The probability of keeping a unit in the dropout after each ReLU; `1` means no
    /// dropout layers.
    public var keepProbability: Double
    /// When set, dropout masks are reproducible (for gradient checks).
    public var dropoutSeed: UInt64?
    /// L2 regularization strength.
    public var reg: Double
    /// How the weights are initialized.
    public var initialization: WeightInitialization
    /// Seeds the initial weights.
    public var seed: UInt64

    public init(inputDimension: Int, hiddenDimensions: [Int], classes: Int,
                normalization: Normalization? = nil, keepProbability: Double = 1,
                dropoutSeed: UInt64? = nil, reg: Double = 0,
                initialization: WeightInitialization = .scale(1e-2), seed: UInt64 = 0) {
        self.inputDimension = inputDimension
        self.hiddenDimensions = hiddenDimensions
        self.classes = classes
        self.normalization = normalization
        self.keepProbability = keepProbability
        self.dropoutSeed = dropoutSeed
        self.reg = reg
        self.initialization = initialization
        self.seed = seed
    }
}

/// Exercise `fc-net`: `{affine – [norm] – ReLU – [dropout]} × (L − 1) – affine – softmax`.
public protocol FullyConnectedClassifier: BatchNormClassifier {
    init(_ configuration: NetworkConfiguration)
    /// The configuration the network was built from.
    var configuration: NetworkConfiguration { get }
    /// One batch-norm state per hidden layer when ``NetworkConfiguration/normalization``
    /// is `.batch`, and `[]` otherwise. The running statistics live here.
    var batchNormStates: [BatchNormState] { get set }
}
