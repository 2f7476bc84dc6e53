/// The course's experiments, by their command-line names.
public enum Experiment: String, CaseIterable, Sendable {
    case batchnorm
    case batchnormBatchSize = "batchnorm-batch-size"
    case initScale = "init-scale"
    case dropout
    case optimizers
    case layernorm
    case initActivations = "init-activations"
    case filters

    /// One line for `lab experiment list`.
    public var summary: String {
        switch self {
        case .batchnorm: "a deep net with and without batch norm: loss and accuracy curves"
        case .batchnormBatchSize: "batch norm with batch sizes 5, 10, 50 against no batch norm"
        case .initScale: "a sweep of initial weight scales, with and without batch norm"
        case .dropout: "keep probabilities 1, 0.75, 0.5, 0.25 on a small training set"
        case .optimizers: "SGD, momentum, Nesterov, AdaGrad, RMSProp and Adam on one net"
        case .layernorm: "layer norm against batch norm at small batch sizes"
        case .initActivations: "activation statistics per layer of deep tanh and ReLU nets by initialization"
        case .filters: "a ConvNet's first-layer filters, drawn before and after training"
        }
    }

    /// Runs the experiment and returns its report (nothing is written).
    public func run(_ context: ExperimentContext) -> ExperimentReport {
        switch self {
        case .batchnorm: BatchNormExperiment.run(context)
        case .batchnormBatchSize: BatchSizeExperiment.run(context)
        case .initScale: InitScaleExperiment.run(context)
        case .dropout: DropoutExperiment.run(context)
        case .optimizers: OptimizersExperiment.run(context)
        case .layernorm: LayerNormExperiment.run(context)
        case .initActivations: InitActivationsExperiment.run(context)
        case .filters: FiltersExperiment.run(context)
        }
    }
}
