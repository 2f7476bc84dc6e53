import TensorKit

/// Trains a ``Classifier`` with minibatch gradient descent: the course's `Solver`.
///
/// Every epoch visits the training examples in a fresh random order, in minibatches
/// of ``SolverOptions/batchSize``; each step asks the model for its loss and
/// gradients and updates every parameter with its own copy of the configured
/// ``OptimizerKind``, computed by `rules` (the student's optimizers or the
/// reference's). After each epoch the solver decays the learning rate, measures train
/// and validation accuracy, and remembers the parameters with the best validation
/// accuracy, which ``train(progress:)`` restores at the end.
///
/// ```swift
/// var solver = Solver(model: net, rules: Optimizers(), training: data.training,
///                     validation: data.validation,
///                     options: SolverOptions(optimizer: .adam(AdamState()), epochs: 20))
/// try solver.train()
/// print(solver.history.validationAccuracies)
/// ```
///
/// Everything random comes from one generator seeded by ``SolverOptions/seed``, and
/// ``checkpoint()`` captures it with the rest of the state, so a run resumed from a
/// checkpoint ends exactly where an uninterrupted run does.
public struct Solver<Model: Classifier, Rules: UpdateRules>: Sendable {
    /// The model being trained; after ``train(progress:)``, the best one seen.
    public internal(set) var model: Model
    /// The implementation of the update rules.
    public let rules: Rules
    public let options: SolverOptions
    public let training: LabeledExamples
    public let validation: LabeledExamples
    /// Losses and accuracies so far.
    public internal(set) var history: TrainingHistory
    /// The number of epochs completed.
    public internal(set) var epoch = 0
    /// The model with the best validation accuracy so far.
    public internal(set) var best: ModelSnapshot
    /// One optimizer state per parameter name.
    var optimizerStates: [String: OptimizerKind]
    /// The source of the example order and the accuracy samples.
    var generator: SeededGenerator

    /// A solver ready to train `model` from scratch.
    /// - Parameters:
    ///   - model: the classifier, freshly initialized.
    ///   - rules: the update rules to call, e.g. `Optimizers()`.
    ///   - training: the examples to learn from, inputs `(N, D)`.
    ///   - validation: the examples to measure accuracy on and choose the best model by.
    ///   - options: the optimizer and the schedule.
    public init(model: Model, rules: Rules, training: LabeledExamples,
                validation: LabeledExamples, options: SolverOptions) {
        precondition(options.batchSize > 0, "Solver: the batch size must be positive")
        precondition(training.count > 0, "Solver: the training set is empty")
        self.model = model
        self.rules = rules
        self.options = options
        self.training = training
        self.validation = validation
        self.optimizerStates = model.params.mapValues { _ in options.optimizer }
        self.generator = SeededGenerator(seed: options.seed)
        self.history = TrainingHistory(
            iterationsPerEpoch: Swift.max(training.count / options.batchSize, 1))
        self.best = ModelSnapshot(of: model)
    }

    /// The number of gradient steps taken so far.
    public var iteration: Int { history.losses.count }

    /// The current learning rate (the configured one, decayed once per epoch).
    public var learningRate: Double {
        optimizerStates.values.first?.learningRate ?? options.optimizer.learningRate
    }

    /// Trains for the epochs that remain of ``SolverOptions/epochs``, then restores the
    /// parameters with the best validation accuracy.
    /// - Parameter progress: called after every step and every epoch.
    /// - Throws: ``SolverError/nonFiniteLoss(loss:iteration:epoch:)`` when the loss
    ///   becomes NaN or infinite; the model is left as it was at that step.
    public mutating func train(progress: (SolverProgress) -> Void = { _ in }) throws(SolverError) {
        while epoch < options.epochs {
            try trainEpoch(progress: progress)
        }
        restoreBest()
    }

    /// Puts the parameters (and running statistics) with the best validation accuracy
    /// so far back into ``model``.
    public mutating func restoreBest() {
        best.restore(into: &model)
    }

    /// One pass over the training set in a fresh random order, then the end-of-epoch
    /// bookkeeping: learning-rate decay, accuracies, best model.
    public mutating func trainEpoch(progress: (SolverProgress) -> Void = { _ in }) throws(SolverError) {
        if history.trainAccuracies.isEmpty { recordAccuracies() }
        let order = generator.permutation(training.count)
        let batch = Swift.min(options.batchSize, training.count)
        let total = history.iterationsPerEpoch * options.epochs
        history.learningRates.append(learningRate)
        for step in 0..<history.iterationsPerEpoch {
            let indices = Array(order[(step * batch)..<((step + 1) * batch)])
            let loss = try self.step(on: training.subset(indices))
            progress(.iteration(epoch: epoch + 1, step: step + 1,
                                stepsPerEpoch: history.iterationsPerEpoch,
                                iteration: iteration, totalIterations: total, loss: loss))
        }
        epoch += 1
        for name in optimizerStates.keys {
            optimizerStates[name]!.learningRate *= options.learningRateDecay
        }
        let improved = recordAccuracies()
        progress(.epoch(epoch: epoch, of: options.epochs,
                        trainAccuracy: history.trainAccuracies.last!,
                        validationAccuracy: history.validationAccuracies.last!,
                        improved: improved))
    }

    /// One gradient step on `batch`; returns its loss.
    private mutating func step(on batch: LabeledExamples) throws(SolverError) -> Double {
        let (loss, grads) = model.loss(batch.x, labels: batch.labels)
        guard loss.isFinite else {
            throw .nonFiniteLoss(loss: loss, iteration: iteration + 1, epoch: epoch + 1)
        }
        history.losses.append(loss)
        for (name, w) in model.params {
            guard let dw = grads[name] else {
                fatalError("Solver: the model returned no gradient for parameter \(name)")
            }
            model.params[name] = optimizerStates[name]!.step(w, dw, using: rules)
        }
        return loss
    }

    /// Appends the train and validation accuracies of the current model to the
    /// history; keeps the model when its validation accuracy is the best so far.
    /// - Returns: whether it was the best.
    @discardableResult
    private mutating func recordAccuracies() -> Bool {
        let trainAccuracy = accuracy(on: sample(training, size: options.trainAccuracySamples))
        let validationAccuracy = accuracy(on: sample(validation, size: options.validationAccuracySamples))
        let improved = validationAccuracy > (history.validationAccuracies.max() ?? -1)
        history.trainAccuracies.append(trainAccuracy)
        history.validationAccuracies.append(validationAccuracy)
        if improved { best = ModelSnapshot(of: model) }
        return improved
    }

    /// `size` examples drawn without replacement (all of them when `size` is `nil` or
    /// not smaller than the set).
    private mutating func sample(_ examples: LabeledExamples, size: Int?) -> LabeledExamples {
        guard let size, size < examples.count else { return examples }
        return examples.subset(Array(generator.permutation(examples.count).prefix(size)))
    }

    /// The fraction of `examples` the model classifies correctly, in test mode.
    /// - Parameter batchSize: examples scored at once, to bound memory.
    public func accuracy(on examples: LabeledExamples, batchSize: Int = 500) -> Double {
        Self.accuracy(of: model, on: examples, batchSize: batchSize)
    }

    /// The fraction of `examples` that `model` classifies correctly, in test mode.
    public static func accuracy(of model: Model, on examples: LabeledExamples,
                                batchSize: Int = 500) -> Double {
        guard examples.count > 0 else { return 0 }
        var correct = 0
        for start in stride(from: 0, to: examples.count, by: batchSize) {
            let end = Swift.min(start + batchSize, examples.count)
            let predictions = model.scores(examples.x[rows: start..<end]).argmax(axis: 1)
            for (i, p) in predictions.scalars.enumerated() where Int(p) == examples.labels[start + i] {
                correct += 1
            }
        }
        return Double(correct) / Double(examples.count)
    }
}
