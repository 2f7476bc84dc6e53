/// What happened during training, as the course's `Solver` records it.
public struct TrainingHistory: Sendable, Hashable, Codable {
    /// Gradient steps in one epoch.
    public var iterationsPerEpoch: Int
    /// The training loss of every minibatch, one entry per iteration.
    public var losses: [Double] = []
    /// Accuracy on a sample of the training set: entry `e` after `e` epochs, so entry 0
    /// is the untrained model.
    public var trainAccuracies: [Double] = []
    /// Accuracy on the validation set, indexed like ``trainAccuracies``.
    public var validationAccuracies: [Double] = []
    /// The learning rate used during each epoch (entry 0 is epoch 1).
    public var learningRates: [Double] = []

    public init(iterationsPerEpoch: Int) {
        self.iterationsPerEpoch = iterationsPerEpoch
    }

    /// The best validation accuracy so far, and the epoch (0 = untrained) it came from.
    public var best: (epoch: Int, accuracy: Double)? {
        guard let accuracy = validationAccuracies.max() else { return nil }
        return (validationAccuracies.firstIndex(of: accuracy)!, accuracy)
    }

    /// The mean of the minibatch losses during epoch `epoch` (counting from 1).
    public func meanLoss(epoch: Int) -> Double {
        let slice = losses.dropFirst((epoch - 1) * iterationsPerEpoch).prefix(iterationsPerEpoch)
        return slice.reduce(0, +) / Double(Swift.max(slice.count, 1))
    }
}
