import Curriculum

/// Trains the networks of one ``Implementation``, with the implementation's type erased
/// so that experiments need not be generic.
public struct Trainer: Sendable {
    /// The implementation's name, for reports.
    public let implementation: String
    private let run: @Sendable (NetworkConfiguration, SolverOptions, Dataset,
                                (SolverProgress) -> Void) -> TrainingOutcome
    private let runConvNet: @Sendable (ConvNetConfiguration, SolverOptions, Dataset) -> TrainingOutcome

    public init<I: Implementation>(_ implementation: I.Type) {
        self.implementation = I.name
        self.run = { configuration, options, data, progress in
            Self.train(I.FullyConnectedNet(configuration), I.Optimizers(), options: options, on: data, progress: progress)
        }
        self.runConvNet = { configuration, options, data in
            Self.train(ImageClassifier(I.ConvNet(configuration)), I.Optimizers(), options: options, on: data)
        }
    }

    /// Builds a `FullyConnectedNet` from `configuration` and trains it on `data`.
    /// A loss that becomes NaN or infinite ends the run early; the outcome says so.
    public func train(_ configuration: NetworkConfiguration, options: SolverOptions,
                      on data: Dataset, progress: (SolverProgress) -> Void = { _ in }) -> TrainingOutcome {
        run(configuration, options, data, progress)
    }

    /// Builds a `ConvNet` from `configuration` and trains it on the images of `data`.
    public func train(_ configuration: ConvNetConfiguration, options: SolverOptions, on data: Dataset) -> TrainingOutcome {
        runConvNet(configuration, options, data)
    }

    private static func train<Model: Classifier, Rules: UpdateRules>(
        _ model: Model, _ rules: Rules, options: SolverOptions, on data: Dataset,
        progress: (SolverProgress) -> Void = { _ in }
    ) -> TrainingOutcome {
        var solver = Solver(model: model, rules: rules, training: data.training, validation: data.validation,
                            options: options)
        do throws(SolverError) {
            try solver.train(progress: progress)
        } catch {
            return TrainingOutcome(history: solver.history, testAccuracy: 0, failure: error,
                                   initialParameters: model.params, parameters: solver.model.params)
        }
        return TrainingOutcome(history: solver.history, testAccuracy: solver.accuracy(on: data.test), failure: nil,
                               initialParameters: model.params, parameters: solver.model.params)
    }
}
