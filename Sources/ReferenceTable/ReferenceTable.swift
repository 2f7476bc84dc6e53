// Which reference implementation answers each exercise's calls. Both
// `grader-worker-solutions` and `grader-worker-mistakes` serve it; the latter puts one
// mistaken exercise in front of it.
import Solutions
import WorkerKit

/// The handlers of every exercise, built from the reference implementations in
/// `Solutions`, in the course's order.
public let referenceHandlers: [ExerciseHandlers] = [
    .affine(Affine()),
    .relu(ReLU()),
    .twoLayerNet(TwoLayerNet.self),
    .optimizers(Optimizers()),
    .fullyConnectedNet(FullyConnectedNet.self),
    .batchNorm(BatchNorm()),
    .layerNorm(LayerNorm()),
    .dropout(Dropout()),
    .spatialBatchNorm(SpatialBatchNorm()),
    .groupNorm(GroupNorm()),
    // new-exercise: dispatch
]
