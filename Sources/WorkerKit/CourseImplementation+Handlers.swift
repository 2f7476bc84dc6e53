import Curriculum

extension CourseImplementation {
    /// The calls of every exercise, answered by this implementation's types, in the
    /// course's order. Each exercise's line names its associated type, so one is needed
    /// for every exercise the protocol has.
    public static var exerciseHandlers: [ExerciseHandlers] {
        [
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
            .convolution(Convolution()),
            .maxPool(MaxPool()),
            .convNet(ConvNet.self),
        ]
    }
}

extension DispatchTable {
    /// Every call of the course, answered by `implementation`, except those of the
    /// exercise `replacement` answers (a catalogued mistake, in place of the reference's).
    public init<Implementation: CourseImplementation>(serving implementation: Implementation.Type,
                                                     replacing replacement: ExerciseHandlers? = nil) {
        self.init((replacement.map { [$0] } ?? []) + implementation.exerciseHandlers)
    }
}
