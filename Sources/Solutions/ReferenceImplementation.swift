import Curriculum

/// The reference, as `grader --impl solutions`, `grader fixtures`, `grader mistakes`
/// and `lab --impl solutions` run it: the reference type of each exercise.
public enum ReferenceImplementation: CourseImplementation {
    public typealias Affine = Solutions.Affine
    public typealias ReLU = Solutions.ReLU
    public typealias TwoLayerNet = Solutions.TwoLayerNet
    public typealias Optimizers = Solutions.Optimizers
    public typealias FullyConnectedNet = Solutions.FullyConnectedNet
    public typealias BatchNorm = Solutions.BatchNorm
    public typealias LayerNorm = Solutions.LayerNorm
    public typealias Dropout = Solutions.Dropout
    public typealias SpatialBatchNorm = Solutions.SpatialBatchNorm
    public typealias GroupNorm = Solutions.GroupNorm
    public typealias Convolution = Solutions.Convolution
    public typealias MaxPool = Solutions.MaxPool
    public typealias ConvNet = Solutions.ConvNet
}
