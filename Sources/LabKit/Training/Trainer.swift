import Curriculum

/// Trains fully-connected nets of one ``Implementation``, with the implementation's
/// type erased so that experiments need not be generic.
public struct Trainer: Sendable {
    /// The implementation's name, for reports.
    public let implementation: String
    private let run: @Sendable (NetworkConfiguration, SolverOptions, Dataset,
                                (SolverProgress) -> Void) -> TrainingOutcome

    public init<I: Implementation>(_ implementation: I.Type) {
        self.implementation = I.name
        self.run = { configuration, options, data, progress in
            var solver = Solver(model: I.FullyConnectedNet(configuration), rules: I.Optimizers(),
                                training: data.training, validation: data.validation,
                                options: options)
            do throws(SolverError) {
                try solver.train(progress: progress)
            } catch {
                return TrainingOutcome(history: solver.history, testAccuracy: 0, failure: error)
            }
            return TrainingOutcome(history: solver.history,
                                   testAccuracy: solver.accuracy(on: data.test), failure: nil)
        }
    }

    /// Builds a `FullyConnectedNet` from `configuration` and trains it on `data`.
    /// A loss that becomes NaN or infinite ends the run early; the outcome says so.
    public func train(_ configuration: NetworkConfiguration, options: SolverOptions,
                      on data: Dataset, progress: (SolverProgress) -> Void = { _ in }) -> TrainingOutcome {
        run(configuration, options, data, progress)
    }
}
