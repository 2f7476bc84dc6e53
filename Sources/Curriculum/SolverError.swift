/// Why a ``Solver`` stopped before finishing.
public enum SolverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The loss became NaN or infinite; training cannot recover from that.
    case nonFiniteLoss(loss: Double, iteration: Int, epoch: Int)

    public var description: String {
        switch self {
        case let .nonFiniteLoss(loss, iteration, epoch):
            """
            the loss became \(loss) at iteration \(iteration) (epoch \(epoch)); training stopped.
            Usual causes: a learning rate that is too large (try one 10× smaller), initial \
            weights that are too large (a smaller weight scale, or xavier/kaiming), or a bug \
            in a forward or backward pass (run `swift run grader` to check the exercises).
            """
        }
    }
}
