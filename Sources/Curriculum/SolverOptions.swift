/// How a ``Solver`` trains: the update rule, the schedule and the bookkeeping.
public struct SolverOptions: Sendable, Hashable, Codable {
    /// The update rule and its hyper-parameters, with empty accumulators; the solver
    /// gives every parameter tensor its own copy.
    public var optimizer: OptimizerKind
    /// After every epoch the learning rate is multiplied by this (1: constant rate).
    public var learningRateDecay: Double
    /// Examples per gradient step.
    public var batchSize: Int
    /// Passes over the training set.
    public var epochs: Int
    /// Train accuracy is measured on a random sample of this many training examples
    /// (all of them when `nil` or when there are fewer), which keeps it cheap.
    public var trainAccuracySamples: Int?
    /// Validation accuracy is measured on a sample of this size (`nil`: all of them).
    public var validationAccuracySamples: Int?
    /// Seeds the order of the examples in every epoch and the accuracy samples.
    public var seed: UInt64

    public init(optimizer: OptimizerKind = .sgd(SGDState()), learningRateDecay: Double = 1,
                batchSize: Int = 100, epochs: Int = 10, trainAccuracySamples: Int? = 1000,
                validationAccuracySamples: Int? = nil, seed: UInt64 = 0) {
        self.optimizer = optimizer
        self.learningRateDecay = learningRateDecay
        self.batchSize = batchSize
        self.epochs = epochs
        self.trainAccuracySamples = trainAccuracySamples
        self.validationAccuracySamples = validationAccuracySamples
        self.seed = seed
    }
}
