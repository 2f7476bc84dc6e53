import Curriculum

/// `lab experiment batchnorm`: the same deep net, initialization, optimizer and data,
/// once without and once with batch norm after every hidden layer.
enum BatchNormExperiment {
    static func run(_ context: ExperimentContext) -> ExperimentReport {
        let hidden = context.size([100, 100, 100, 100, 100], tiny: [20, 20, 20])
        let data = context.dataset.limitingTraining(to: context.size(1000, tiny: 100))
        let scale = 2e-2
        let options = context.options(.adam(AdamState(learningRate: 1e-3)), batchSize: 50,
                                      epochs: context.size(10, tiny: 2))
        let plain = context.train("without batch norm",
                                  context.network(hidden: hidden, initialization: .scale(scale)), options, on: data)
        let normalized = context.train("with batch norm",
                                       context.network(hidden: hidden, normalization: .batch, initialization: .scale(scale)),
                                       options, on: data)
        let runs = [plain, normalized]
        let f = ReportFormatting.self
        let loss = (plain: plain.history.meanLoss(epoch: 1), bn: normalized.history.meanLoss(epoch: 1))
        let firstAccuracy = (plain: plain.history.trainAccuracies[safe: 1] ?? 0, bn: normalized.history.trainAccuracies[safe: 1] ?? 0)
        return ExperimentReport(
            name: Experiment.batchnorm.rawValue,
            title: "Batch normalization speeds up training of a deep net",
            claim: "Normalizing each hidden layer's pre-activations over the minibatch keeps their scale under control however the weights were initialized, so a deep net starts learning at once and reaches a given loss in fewer steps.",
            setup: "\(data.summary). A fully-connected net with hidden layers \(hidden), weights drawn with standard deviation \(scale), Adam (learning rate 1e-3), batches of \(options.batchSize), \(options.epochs) epochs, seed \(context.seed), implementation `\(context.trainer.implementation)`.",
            checks: [
                .init("Mean training loss in epoch 1 is lower with batch norm: \(f.number(loss.bn)) with, \(f.number(loss.plain)) without.",
                      holds: loss.bn < loss.plain),
                .init("Train accuracy after epoch 1 is higher with batch norm: \(f.percent(firstAccuracy.bn)) with, \(f.percent(firstAccuracy.plain)) without.",
                      holds: firstAccuracy.bn > firstAccuracy.plain),
                .init("The best validation accuracy is at least as high with batch norm: \(f.percent(normalized.outcome.bestValidationAccuracy)) with, \(f.percent(plain.outcome.bestValidationAccuracy)) without.",
                      holds: normalized.outcome.bestValidationAccuracy >= plain.outcome.bestValidationAccuracy),
            ],
            tables: [f.runTable(runs)],
            figures: [
                .init("loss", f.lossChart("Training loss", runs, window: 10)),
                .init("train-accuracy", f.accuracyChart("Train accuracy", runs, \.trainAccuracies)),
                .init("validation-accuracy", f.accuracyChart("Validation accuracy", runs, \.validationAccuracies)),
            ])
    }
}
