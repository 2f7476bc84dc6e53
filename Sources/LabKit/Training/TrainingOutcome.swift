import Curriculum
import TensorKit

/// The result of one training run inside an experiment.
public struct TrainingOutcome: Sendable {
    public var history: TrainingHistory
    /// Accuracy of the restored best model on the test set (0 when the run diverged).
    public var testAccuracy: Double
    /// Why the run stopped early, or `nil` when it finished.
    public var failure: SolverError?
    /// The parameters before training.
    public var initialParameters: [String: Tensor] = [:]
    /// The parameters of the restored best model (those of the last step when the run
    /// diverged).
    public var parameters: [String: Tensor] = [:]

    /// The best validation accuracy reached (0 when none was measured).
    public var bestValidationAccuracy: Double { history.best?.accuracy ?? 0 }
    /// Train accuracy after the last completed epoch.
    public var finalTrainAccuracy: Double { history.trainAccuracies.last ?? 0 }
    /// Validation accuracy after the last completed epoch.
    public var finalValidationAccuracy: Double { history.validationAccuracies.last ?? 0 }
}
