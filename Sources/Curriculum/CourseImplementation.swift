/// One implementation of every exercise of the course: the type that answers each
/// exercise, as its protocol requires.
///
/// This is where an exercise is registered. The student's code
/// (`Exercises.StudentImplementation`) and the reference (`Solutions.ReferenceImplementation`)
/// each conform once, naming their type for every exercise, so an implementation that
/// lacks one does not compile. The worker builds its dispatch table from a conformance
/// (WorkerKit's `DispatchTable(serving:)`), and the lab trains the networks it names.
///
/// Adding an exercise adds one associated type here, in the course's order, and one
/// `typealias` to each conformance (docs/author-guide.md, "Adding an exercise").
public protocol CourseImplementation {
    /// Exercise `affine`.
    associatedtype Affine: AffineLayer
    /// Exercise `relu`.
    associatedtype ReLU: ReLULayer
    /// Exercise `two-layer-net`.
    associatedtype TwoLayerNet: TwoLayerClassifier
    /// Exercise `optimizers`.
    associatedtype Optimizers: UpdateRules
    /// Exercise `fc-net`.
    associatedtype FullyConnectedNet: FullyConnectedClassifier
    /// Exercise `batchnorm`.
    associatedtype BatchNorm: BatchNormLayer
    /// Exercise `layernorm`.
    associatedtype LayerNorm: LayerNormLayer
    /// Exercise `dropout`.
    associatedtype Dropout: DropoutLayer
    /// Exercise `spatial-batchnorm`.
    associatedtype SpatialBatchNorm: SpatialBatchNormLayer
    /// Exercise `groupnorm`.
    associatedtype GroupNorm: GroupNormLayer
    /// Exercise `conv`.
    associatedtype Convolution: ConvolutionLayer
    /// Exercise `maxpool`.
    associatedtype MaxPool: MaxPoolLayer
    /// Exercise `convnet`.
    associatedtype ConvNet: ConvNetClassifier
}
