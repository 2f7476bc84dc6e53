import Curriculum
import TensorKit

/// `lab experiment filters`: a ConvNet trained on the images, and its first layer's
/// filters drawn as a grid, before and after training.
enum FiltersExperiment {
    static func run(_ context: ExperimentContext) -> ExperimentReport {
        let data = context.dataset.limitingTraining(to: context.size(nil, tiny: 100))
        let name = Experiment.filters.rawValue, title = "What a ConvNet's first layer learns"
        let claim = "The first layer of a ConvNet trained on images learns small, spatially smooth detectors of local patterns — strokes and edges at various orientations, blobs — where it started from random noise. Neighbouring weights of a learned filter are alike; those of a random filter are not."
        guard let imageShape = data.imageShape else {
            return ExperimentReport(
                name: name, title: title, claim: claim,
                setup: "\(data.summary): not images, so no ConvNet was trained (run it on digits or cifar10).",
                checks: [.init("A ConvNet needs images; \(data.name) has none.", holds: false)], tables: [], figures: [])
        }
        let configuration = ConvNetConfiguration(
            inputShape: imageShape, filters: context.size([16, 32], tiny: [4, 4]), filterSize: 5, pools: [0, 1],
            classes: data.classes, initialization: .kaiming, seed: context.seed)
        let options = context.options(.adam(AdamState(learningRate: 1e-3)), batchSize: 50,
                                      epochs: context.size(15, tiny: 1))
        let run = context.train("ConvNet", configuration, options, on: data)
        let f = ReportFormatting.self
        let initial = run.outcome.initialParameters["W1"], trained = run.outcome.parameters["W1"]
        let before = initial.map(neighbourCorrelation) ?? .nan, after = trained.map(neighbourCorrelation) ?? .nan
        return ExperimentReport(
            name: name, title: title, claim: claim,
            setup: "\(data.summary). A ConvNet of \(configuration.filters) filters of 5×5 with a 2×2 max pool after each, then one affine layer; Kaiming initialization, Adam 1e-3, batches of \(options.batchSize), \(options.epochs) epochs, seed \(context.seed), implementation `\(context.trainer.implementation)`. The grids draw each first-layer filter with its own scale: white its largest weight, black its smallest.",
            checks: [
                .init("Training makes the first layer's filters smooth: horizontally and vertically neighbouring weights correlate by \(f.number(after)) after training, against \(f.number(before)) at initialization (expected higher after, and above 0.2).",
                      holds: after > before && after > 0.2),
                .init("The ConvNet learns the images: test accuracy \(f.percent(run.outcome.testAccuracy)) (expected at least 95%).",
                      holds: run.outcome.testAccuracy >= 0.95),
            ],
            tables: [f.runTable([run])],
            figures: [
                trained.map { .init("trained", FilterGrid(title: "First-layer filters after training", filters: $0)) },
                initial.map { .init("initial", FilterGrid(title: "First-layer filters at initialization", filters: $0)) },
                .init("validation-accuracy", f.accuracyChart("Validation accuracy", [run], \.validationAccuracies)),
            ].compactMap { $0 })
    }

    /// The correlation of each weight with its right and lower neighbours, over every
    /// filter and channel of `filters` `(F, C, K, K)`: near 0 for random filters, near
    /// 1 for smooth ones.
    static func neighbourCorrelation(_ filters: Tensor) -> Double {
        let (planes, height, width) = (filters.shape[0] * filters.shape[1], filters.shape[2], filters.shape[3])
        var (weights, neighbours): ([Double], [Double]) = ([], [])
        let w = filters.scalars
        for plane in 0..<planes {
            let base = plane * height * width
            for p in 0..<height {
                for q in 0..<width {
                    let here = base + p * width + q
                    if q + 1 < width { weights.append(w[here]); neighbours.append(w[here + 1]) }
                    if p + 1 < height { weights.append(w[here]); neighbours.append(w[here + width]) }
                }
            }
        }
        return pearsonCorrelation(weights, neighbours)
    }
}
