import Curriculum

/// Your code, as `grader` and `lab` run it: the type you write for each exercise.
/// You do not need to change this file.
public enum StudentImplementation: CourseImplementation {
    public typealias Affine = Exercises.Affine
    public typealias ReLU = Exercises.ReLU
    public typealias TwoLayerNet = Exercises.TwoLayerNet
    public typealias Optimizers = Exercises.Optimizers
    public typealias FullyConnectedNet = Exercises.FullyConnectedNet
    public typealias BatchNorm = Exercises.BatchNorm
    public typealias LayerNorm = Exercises.LayerNorm
    public typealias Dropout = Exercises.Dropout
    public typealias SpatialBatchNorm = Exercises.SpatialBatchNorm
    public typealias GroupNorm = Exercises.GroupNorm
    public typealias Convolution = Exercises.Convolution
    public typealias MaxPool = Exercises.MaxPool
    public typealias ConvNet = Exercises.ConvNet
}
