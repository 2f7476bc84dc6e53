// The worker process: answers the judge's requests with the student's implementations.
// It links only Exercises and the wire codec (WorkerKit); see docs/architecture.md.
import Exercises
import WorkerKit

WorkerMain.run(DispatchTable([
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
]))
