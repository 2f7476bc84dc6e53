/// What a ``Solver`` reports while it trains, for progress bars and logs.
public enum SolverProgress: Sendable {
    /// A gradient step finished.
    /// - Parameters:
    ///   - epoch: the epoch in progress, counting from 1.
    ///   - step: steps taken so far in this epoch, counting from 1.
    ///   - stepsPerEpoch: steps in one epoch.
    ///   - iteration: steps taken so far in the whole run.
    ///   - totalIterations: steps the whole run takes.
    ///   - loss: this step's minibatch loss.
    case iteration(epoch: Int, step: Int, stepsPerEpoch: Int, iteration: Int, totalIterations: Int,
                   loss: Double)
    /// An epoch finished and the accuracies were measured.
    /// - Parameters:
    ///   - improved: the validation accuracy is the best so far; these are the
    ///     parameters the solver will restore.
    case epoch(epoch: Int, of: Int, trainAccuracy: Double, validationAccuracy: Double,
               improved: Bool)
}
