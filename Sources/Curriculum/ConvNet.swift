import TensorKit

/// Exercise `convnet`: a convolutional network of any depth,
/// `{conv – [spatial batch norm] – ReLU – [2×2 max pool]} × M – {affine – ReLU} × K – affine – softmax`.
///
/// The three-layer ConvNet of the course (conv – ReLU – 2×2 max pool – affine – ReLU –
/// affine – softmax, ``ConvNetConfiguration/threeLayer(inputShape:filters:filterSize:hiddenDimension:classes:weightScale:reg:seed:)``)
/// and the deep ConvNet (3×3 convolutions with optional batch norm and max pools after
/// chosen layers, then one affine layer,
/// ``ConvNetConfiguration/deep(inputShape:filters:pools:classes:batchNorm:reg:initialization:seed:)``)
/// are two configurations of it.
///
/// Parameters, layers counted from 1: conv layer `i` owns filters `W<i>` of shape
/// `(F_i, C_(i−1), K, K)`, biases `b<i>` `(F_i,)` and, with batch norm, `gamma<i>`,
/// `beta<i>` `(F_i,)`; then each affine layer owns `W<i>` `(D_in, D_out)` and `b<i>`.
///
/// Implementations: `Exercises.ConvNet` (the student's), `Solutions.ConvNet` (reference).
public protocol ConvNetClassifier: BatchNormClassifier {
    init(_ configuration: ConvNetConfiguration)
    /// The configuration the network was built from.
    var configuration: ConvNetConfiguration { get }
    /// One batch-norm state per conv layer when ``ConvNetConfiguration/batchNorm`` is
    /// on, and `[]` otherwise. The running statistics (shape `(F_i,)`) live here.
    var batchNormStates: [BatchNormState] { get set }
}
