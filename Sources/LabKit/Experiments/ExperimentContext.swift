import Curriculum
import Foundation

/// What an experiment runs with: whose code, which data, at which size.
public struct ExperimentContext: Sendable {
    /// Trains nets of the chosen implementation.
    public var trainer: Trainer
    /// The data set (digits unless the user chose another).
    public var dataset: Dataset
    /// Shrink everything (data, widths, epochs) so the experiment takes seconds: for
    /// tests and for trying the command out. The numbers then mean little.
    public var tiny: Bool
    /// Seeds initial weights and minibatch order; every run in one experiment shares it,
    /// so runs differ only in what the experiment varies.
    public var seed: UInt64
    /// Receives one line per finished run.
    public var log: @Sendable (String) -> Void

    public init(trainer: Trainer, dataset: Dataset, tiny: Bool = false, seed: UInt64 = 0,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.trainer = trainer
        self.dataset = dataset
        self.tiny = tiny
        self.seed = seed
        self.log = log
    }

    /// `full`, or `tiny` when the experiment is shrunk.
    public func size<T>(_ full: T, tiny small: T) -> T { tiny ? small : full }

    /// The configuration of a fully-connected net for this context's data.
    public func network(hidden: [Int], normalization: Normalization? = nil,
                        keepProbability: Double = 1,
                        initialization: WeightInitialization) -> NetworkConfiguration {
        NetworkConfiguration(inputDimension: dataset.inputDimension, hiddenDimensions: hidden,
                             classes: dataset.classes, normalization: normalization,
                             keepProbability: keepProbability, initialization: initialization,
                             seed: seed)
    }

    /// Solver options with this context's seed, measuring accuracy on all examples.
    public func options(_ optimizer: OptimizerKind, batchSize: Int, epochs: Int) -> SolverOptions {
        SolverOptions(optimizer: optimizer, batchSize: batchSize, epochs: epochs,
                      trainAccuracySamples: nil, seed: seed)
    }

    /// Trains one net and logs a line about it.
    /// - Parameters:
    ///   - label: names the run in the log, the charts and the report.
    ///   - data: the data to train on (this context's, perhaps with fewer examples).
    public func train(_ label: String, _ configuration: NetworkConfiguration,
                      _ options: SolverOptions, on data: Dataset) -> Run {
        logged(label) { trainer.train(configuration, options: options, on: data) }
    }

    /// Trains one ConvNet on the images of `data` and logs a line about it.
    public func train(_ label: String, _ configuration: ConvNetConfiguration,
                      _ options: SolverOptions, on data: Dataset) -> Run {
        logged(label) { trainer.train(configuration, options: options, on: data) }
    }

    /// Runs `training`, logs a line about its outcome and returns it as a run.
    private func logged(_ label: String, _ training: () -> TrainingOutcome) -> Run {
        let start = Date()
        let outcome = training()
        let seconds = Date().timeIntervalSince(start)
        if let failure = outcome.failure {
            log("  \(label): stopped — \(failure.description.prefix { $0 != "\n" })")
        } else {
            log("  \(label): train \(ProgressPrinter.percent(outcome.finalTrainAccuracy)), best val \(ProgressPrinter.percent(outcome.bestValidationAccuracy)), test \(ProgressPrinter.percent(outcome.testAccuracy)) (\(String(format: "%.1f", seconds))s)")
        }
        return Run(label: label, outcome: outcome)
    }
}

/// One labelled training run of an experiment.
public struct Run: Sendable {
    public var label: String
    public var outcome: TrainingOutcome
    public var history: TrainingHistory { outcome.history }

    /// The mean minibatch loss of the last completed epoch (NaN when none completed).
    public var finalLoss: Double {
        let epochs = history.losses.count / Swift.max(history.iterationsPerEpoch, 1)
        return epochs == 0 ? .nan : history.meanLoss(epoch: epochs)
    }
}
