import Curriculum

/// `lab experiment dropout`: a wide net on a small training set, with keep
/// probabilities 1 (no dropout), 0.75, 0.5 and 0.25.
enum DropoutExperiment {
    static let keepProbabilities = [1, 0.75, 0.5, 0.25]

    static func run(_ context: ExperimentContext) -> ExperimentReport {
        let hidden = context.size([500], tiny: [50])
        let data = context.dataset.limitingTraining(to: context.size(200, tiny: 50))
        let options = context.options(.adam(AdamState(learningRate: 5e-4)), batchSize: 50,
                                      epochs: context.size(40, tiny: 2))
        let runs = keepProbabilities.map { keep in
            context.train(keep == 1 ? "no dropout" : "keep \(keep)",
                          context.network(hidden: hidden, keepProbability: keep, initialization: .kaiming),
                          options, on: data)
        }
        func gap(_ run: Run) -> Double { run.outcome.finalTrainAccuracy - run.outcome.finalValidationAccuracy }
        let f = ReportFormatting.self
        let none = runs[0], half = runs[2]
        let bestDropout = runs.dropFirst().max { $0.outcome.bestValidationAccuracy < $1.outcome.bestValidationAccuracy }!
        let rows = runs.map { [$0.label, f.percent($0.outcome.finalTrainAccuracy), f.percent($0.outcome.finalValidationAccuracy),
                               String(format: "%.1f", 100 * gap($0)), f.percent($0.outcome.bestValidationAccuracy)] }
        return ExperimentReport(
            name: Experiment.dropout.rawValue,
            title: "Dropout against overfitting",
            claim: "A big net trained on few examples memorizes them: train accuracy climbs to 100% while validation accuracy stalls well below. Dropout — training with a random subset of units switched off — is a regularizer: it narrows the gap between train and validation accuracy, and a moderate keep probability can raise validation accuracy.",
            setup: "\(data.summary) (only \(data.training.count) training examples, to make overfitting easy). One hidden layer of \(hidden[0]) units, Kaiming initialization, Adam 5e-4, batches of \(options.batchSize), \(options.epochs) epochs, seed \(context.seed), implementation `\(context.trainer.implementation)`. Dropout masks are drawn from fresh randomness at every step (no dropout seed is set), so a repeated run may differ slightly.",
            checks: [
                .init("Without dropout the net overfits: final train accuracy \(f.percent(none.outcome.finalTrainAccuracy)) against validation \(f.percent(none.outcome.finalValidationAccuracy)) (a gap of \(String(format: "%.1f", 100 * gap(none))) points, expected at least 3).",
                      holds: gap(none) >= 0.03),
                .init("Dropout with keep 0.5 narrows the gap: \(String(format: "%.1f", 100 * gap(half))) points, against \(String(format: "%.1f", 100 * gap(none))) without.",
                      holds: gap(half) < gap(none)),
                .init("Some keep probability below 1 reaches a best validation accuracy at least as high as no dropout: \(f.percent(bestDropout.outcome.bestValidationAccuracy)) (\(bestDropout.label)) against \(f.percent(none.outcome.bestValidationAccuracy)).",
                      holds: bestDropout.outcome.bestValidationAccuracy >= none.outcome.bestValidationAccuracy),
            ],
            tables: [f.table(["run", "final train acc.", "final val. acc.", "gap (points)", "best val. acc."], rows)],
            figures: [
                .init("train-accuracy", f.accuracyChart("Train accuracy by keep probability", runs, \.trainAccuracies)),
                .init("validation-accuracy", f.accuracyChart("Validation accuracy by keep probability", runs, \.validationAccuracies)),
            ])
    }
}
