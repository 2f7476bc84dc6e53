import Curriculum
import Foundation

/// `lab experiment init-scale`: the same deep net trained from weights of many
/// scales (log-spaced), with and without batch norm.
enum InitScaleExperiment {
    /// What counts as "trained" in the report: five times chance on ten classes.
    static let trainedThreshold = 0.5

    static func run(_ context: ExperimentContext) -> ExperimentReport {
        let hidden = context.size([50, 50, 50, 50, 50, 50, 50], tiny: [10, 10, 10])
        let data = context.dataset.limitingTraining(to: context.size(1000, tiny: 100))
        let count = context.size(20, tiny: 3)
        let scales = (0..<count).map { pow(10, -4 + 4 * Double($0) / Double(count - 1)) }
        let options = context.options(.adam(AdamState(learningRate: 1e-3)), batchSize: 50,
                                      epochs: context.size(10, tiny: 1))
        var sweeps: [(label: String, runs: [Run])] = []
        for (label, normalization) in [("without batch norm", nil), ("with batch norm", Normalization.batch)] {
            sweeps.append((label, scales.map { scale in
                context.train("\(label), scale \(String(format: "%.1e", scale))",
                              context.network(hidden: hidden, normalization: normalization,
                                              initialization: .scale(scale)),
                              options, on: data)
            }))
        }
        func series(_ value: (Run) -> Double) -> [Series] {
            sweeps.map { sweep in
                Series(sweep.label, points: zip(scales, sweep.runs).map { Series.Point($0, value($1)) }, markers: true)
            }
        }
        let f = ReportFormatting.self
        let trained = sweeps.map { $0.runs.filter { $0.outcome.bestValidationAccuracy >= trainedThreshold }.count }
        let worst = sweeps.map { $0.runs.map(\.outcome.bestValidationAccuracy).min() ?? 0 }
        let rows = scales.indices.map { i in
            [String(format: "%.1e", scales[i])] + sweeps.flatMap { sweep in
                [f.percent(sweep.runs[i].outcome.finalTrainAccuracy), f.percent(sweep.runs[i].outcome.bestValidationAccuracy)]
            }
        }
        return ExperimentReport(
            name: Experiment.initScale.rawValue,
            title: "Batch normalization makes a deep net robust to the scale of its initial weights",
            claim: "Without normalization, a deep net trains only when its initial weights are in a narrow band of scales: too small and activations and gradients vanish, too large and they explode. Batch norm rescales every layer, so the net trains from a much wider range of scales.",
            setup: "\(data.summary). Hidden layers \(hidden), \(count) weight scales from 1e-4 to 1 (log-spaced), Adam 1e-3, batches of \(options.batchSize), \(options.epochs) epochs each, seed \(context.seed), implementation `\(context.trainer.implementation)`. A net counts as trained when its best validation accuracy reaches \(f.percent(trainedThreshold)).",
            checks: [
                .init("More scales train with batch norm than without: \(trained[1]) of \(count) with, \(trained[0]) of \(count) without.",
                      holds: trained[1] > trained[0]),
                .init("The worst best-validation accuracy over all scales is higher with batch norm: \(f.percent(worst[1])) with, \(f.percent(worst[0])) without.",
                      holds: worst[1] > worst[0]),
            ],
            tables: [f.table(["weight scale", "train acc., no BN", "best val. acc., no BN", "train acc., BN", "best val. acc., BN"], rows)],
            figures: [
                .init("validation-accuracy", Chart(title: "Best validation accuracy by initial weight scale",
                                                   x: Axis("weight scale", scale: .logarithmic),
                                                   y: Axis("best validation accuracy", range: 0...1),
                                                   series: series { $0.outcome.bestValidationAccuracy })),
                .init("train-accuracy", Chart(title: "Final train accuracy by initial weight scale",
                                              x: Axis("weight scale", scale: .logarithmic),
                                              y: Axis("final train accuracy", range: 0...1),
                                              series: series { $0.outcome.finalTrainAccuracy })),
                .init("loss", Chart(title: "Mean training loss in the last epoch by initial weight scale",
                                    x: Axis("weight scale", scale: .logarithmic),
                                    y: Axis("training loss", scale: .logarithmic),
                                    series: series(\.finalLoss))),
            ])
    }
}
