import Curriculum

/// `lab experiment batchnorm-batch-size`: batch norm trained with batches of 5, 10 and
/// 50 examples, and the same net without batch norm.
enum BatchSizeExperiment {
    static let batchSizes = [5, 10, 50]

    static func run(_ context: ExperimentContext) -> ExperimentReport {
        let hidden = context.size([100, 100, 100, 100, 100], tiny: [20, 20, 20])
        let data = context.dataset.limitingTraining(to: context.size(1000, tiny: 100))
        let scale = 2e-2
        let epochs = context.size(10, tiny: 1)
        let adam = OptimizerKind.adam(AdamState(learningRate: 1e-3))
        let normalized = batchSizes.map { size in
            context.train("batch norm, batch \(size)",
                          context.network(hidden: hidden, normalization: .batch, initialization: .scale(scale)),
                          context.options(adam, batchSize: size, epochs: epochs), on: data)
        }
        let plain = context.train("no batch norm, batch \(batchSizes.last!)",
                                  context.network(hidden: hidden, initialization: .scale(scale)),
                                  context.options(adam, batchSize: batchSizes.last!, epochs: epochs), on: data)
        let runs = normalized + [plain]
        let f = ReportFormatting.self
        let small = normalized.first!.outcome, large = normalized.last!.outcome
        return ExperimentReport(
            name: Experiment.batchnormBatchSize.rawValue,
            title: "Batch normalization needs batches large enough to estimate statistics",
            claim: "Batch norm divides by a mean and a variance estimated from the minibatch. From a handful of examples those estimates are noisy, and the running averages used at test time describe training poorly, so batch norm helps less — or hurts — as the batch shrinks.",
            setup: "\(data.summary). Hidden layers \(hidden), weight scale \(scale), Adam 1e-3, \(epochs) epochs for every batch size (so smaller batches take more steps), seed \(context.seed), implementation `\(context.trainer.implementation)`.",
            checks: [
                .init("Batch norm's final validation accuracy is higher with batches of \(batchSizes.last!) than of \(batchSizes.first!): \(f.percent(large.finalValidationAccuracy)) vs \(f.percent(small.finalValidationAccuracy)).",
                      holds: large.finalValidationAccuracy > small.finalValidationAccuracy),
                .init("At batch \(batchSizes.last!), batch norm's best validation accuracy is at least that without it: \(f.percent(large.bestValidationAccuracy)) vs \(f.percent(plain.outcome.bestValidationAccuracy)).",
                      holds: large.bestValidationAccuracy >= plain.outcome.bestValidationAccuracy),
            ],
            tables: [f.runTable(runs)],
            figures: [
                .init("train-accuracy", f.accuracyChart("Train accuracy by batch size", runs, \.trainAccuracies)),
                .init("validation-accuracy", f.accuracyChart("Validation accuracy by batch size", runs, \.validationAccuracies)),
            ])
    }
}
