import Curriculum

/// `lab experiment layernorm`: batch norm and layer norm trained with batches of 5,
/// 10 and 50 examples.
enum LayerNormExperiment {
    static func run(_ context: ExperimentContext) -> ExperimentReport {
        let hidden = context.size([100, 100, 100, 100, 100], tiny: [20, 20, 20])
        let data = context.dataset.limitingTraining(to: context.size(1000, tiny: 100))
        let scale = 2e-2
        let epochs = context.size(10, tiny: 1)
        let sizes = BatchSizeExperiment.batchSizes
        let adam = OptimizerKind.adam(AdamState(learningRate: 1e-3))
        var runs: [Normalization: [Run]] = [:]
        for normalization in [Normalization.batch, .layer] {
            runs[normalization] = sizes.map { size in
                context.train("\(normalization == .batch ? "batch" : "layer") norm, batch \(size)",
                              context.network(hidden: hidden, normalization: normalization, initialization: .scale(scale)),
                              context.options(adam, batchSize: size, epochs: epochs), on: data)
            }
        }
        let batch = runs[.batch]!, layer = runs[.layer]!
        func spread(_ runs: [Run]) -> Double {
            let values = runs.map(\.outcome.finalValidationAccuracy)
            return values.max()! - values.min()!
        }
        let f = ReportFormatting.self
        let all = batch + layer
        return ExperimentReport(
            name: Experiment.layernorm.rawValue,
            title: "Layer normalization does not depend on the batch size",
            claim: "Layer norm normalizes each example over its own features instead of each feature over the batch. Its output for one example does not depend on the other examples in the batch, and it behaves the same at training and test time, so it keeps working with tiny batches where batch norm suffers.",
            setup: "\(data.summary). Hidden layers \(hidden), weight scale \(scale), Adam 1e-3, \(epochs) epochs at each batch size \(sizes), seed \(context.seed), implementation `\(context.trainer.implementation)`.",
            checks: [
                .init("Final validation accuracy varies less across batch sizes with layer norm: a spread of \(String(format: "%.1f", 100 * spread(layer))) points, against \(String(format: "%.1f", 100 * spread(batch))) with batch norm.",
                      holds: spread(layer) < spread(batch)),
                .init("At batch \(sizes[0]), layer norm's final validation accuracy is at least batch norm's: \(f.percent(layer[0].outcome.finalValidationAccuracy)) against \(f.percent(batch[0].outcome.finalValidationAccuracy)).",
                      holds: layer[0].outcome.finalValidationAccuracy >= batch[0].outcome.finalValidationAccuracy),
            ],
            tables: [f.runTable(all)],
            figures: [
                .init("validation-accuracy", f.accuracyChart("Validation accuracy: batch norm and layer norm", all, \.validationAccuracies)),
                .init("train-accuracy", f.accuracyChart("Train accuracy: batch norm and layer norm", all, \.trainAccuracies)),
            ])
    }
}
