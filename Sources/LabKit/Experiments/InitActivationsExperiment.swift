import Curriculum
import Foundation
import TensorKit

/// `lab experiment init-activations`: random inputs pushed through a deep stack of
/// `h = f(h · W)` layers, for two nonlinearities and four initializations, recording
/// each layer's activation statistics — the pictures the course draws to motivate
/// Xavier and Kaiming initialization.
///
/// This experiment only multiplies matrices and applies `tanh` or `max(0, ·)`; it
/// trains nothing and does not call the implementation's layers.
enum InitActivationsExperiment {
    /// A unit counts as saturated when `|tanh| > 0.99`: its local gradient is below 0.02.
    static let saturation = 0.99

    static let initializations: [(label: String, value: WeightInitialization)] = [
        ("small random (0.01)", .scale(0.01)),
        ("large random (1.0)", .scale(1)),
        ("Xavier", .xavier),
        ("Kaiming", .kaiming),
    ]

    /// Statistics of one layer's activations.
    struct LayerStatistics {
        var mean: Double
        var standardDeviation: Double
        /// Fraction of units with `|h| > saturation`.
        var saturated: Double
    }

    enum Activation: String, CaseIterable {
        case tanh, relu
        func apply(_ x: Tensor) -> Tensor { self == .tanh ? TensorKit.tanh(x) : TensorKit.maximum(x, 0.0) }
    }

    /// Each layer's statistics for inputs `x`, `layers` layers of `width` units.
    static func statistics(_ x: Tensor, layers: Int, width: Int, activation: Activation,
                           initialization: WeightInitialization, seed: UInt64) -> [LayerStatistics] {
        var generator = SeededGenerator(seed: seed)
        var h = x
        var result: [LayerStatistics] = []
        for _ in 0..<layers {
            let w = initialization.weights(fanIn: h.shape[1], fanOut: width, using: &generator)
            h = activation.apply(h.matmul(w))
            let saturated = Double((abs(h) .> saturation).sum().scalar) / Double(h.count)
            result.append(LayerStatistics(mean: h.mean().scalar, standardDeviation: h.standardDeviation().scalar,
                                          saturated: saturated))
        }
        return result
    }

    static func run(_ context: ExperimentContext) -> ExperimentReport {
        let layers = context.size(10, tiny: 4)
        let width = context.size(300, tiny: 50)
        let examples = context.size(500, tiny: 50)
        var generator = SeededGenerator(seed: context.seed)
        let x = Tensor.randomNormal([examples, width], using: &generator)
        var stats: [Activation: [[LayerStatistics]]] = [:]
        for activation in Activation.allCases {
            stats[activation] = initializations.map {
                statistics(x, layers: layers, width: width, activation: activation,
                           initialization: $0.value, seed: context.seed &+ 1)
            }
            context.log("  \(activation.rawValue): last-layer std " + zip(initializations, stats[activation]!)
                .map { "\($0.label) \(ReportFormatting.number($1.last!.standardDeviation))" }.joined(separator: ", "))
        }
        func ratio(_ activation: Activation, _ index: Int) -> Double {
            let s = stats[activation]![index]
            return s.last!.standardDeviation / s.first!.standardDeviation
        }
        func chart(_ title: String, _ activation: Activation, scale: Axis.Scale, _ value: (LayerStatistics) -> Double) -> Chart {
            Chart(title: title, x: Axis("layer"), y: Axis(scale == .logarithmic ? "standard deviation (log scale)" : "fraction of units", scale: scale, range: scale == .linear ? 0...1 : nil),
                  series: zip(initializations, stats[activation]!).map {
                      Series($0.label, values: $1.map(value), startingAt: 1, markers: true)
                  })
        }
        let f = ReportFormatting.self
        let tanhLarge = stats[.tanh]![1].last!.saturated
        var tables: [String] = []
        for activation in Activation.allCases {
            let shown = Array(Set([0, layers / 2 - 1, layers - 1])).sorted()
            tables.append("**\(activation.rawValue)**: standard deviation of the activations\n\n" + f.table(
                ["initialization"] + shown.map { "layer \($0 + 1)" } + (activation == .tanh ? ["saturated, last layer"] : []),
                zip(initializations, stats[activation]!).map { initialization, layerStats in
                    [initialization.label] + shown.map { f.number(layerStats[$0].standardDeviation) }
                        + (activation == .tanh ? [f.percent(layerStats.last!.saturated)] : [])
                }))
        }
        return ExperimentReport(
            name: Experiment.initActivations.rawValue,
            title: "Initialization and the activations of a deep net",
            claim: "Each layer multiplies the scale of its input by roughly `std(W) · √fan-in` (times a factor for the nonlinearity). With small random weights the activations shrink layer after layer until they vanish, and so do the gradients; with large ones tanh units saturate at ±1, where their gradient is zero. Xavier initialization (std `1/√fan-in`) keeps tanh activations at a steady scale; ReLU zeroes half its inputs, so it needs Kaiming's `√(2/fan-in)` — with Xavier, ReLU activations shrink by about `1/√2` per layer.",
            setup: "\(examples) inputs drawn from a standard normal, \(layers) layers of \(width) units computing `h = f(h · W)` without biases, f = tanh or ReLU, weights drawn once per initialization with seed \(context.seed &+ 1). Nothing is trained.",
            checks: [
                .init("tanh, small random weights: the activations vanish — the last layer's standard deviation is \(f.number(ratio(.tanh, 0))) times the first layer's (expected below 0.01).",
                      holds: ratio(.tanh, 0) < 0.01),
                .init("tanh, large random weights: most units saturate — \(f.percent(tanhLarge)) of the last layer's units have |h| > \(saturation) (expected more than half).",
                      holds: tanhLarge > 0.5),
                .init("tanh, Xavier: the activations keep their scale — last layer's standard deviation \(f.number(ratio(.tanh, 2))) times the first's (expected at least 0.2).",
                      holds: ratio(.tanh, 2) >= 0.2),
                .init("ReLU, Xavier: the activations shrink with depth — last layer's standard deviation \(f.number(ratio(.relu, 2))) times the first's (expected below 0.5).",
                      holds: ratio(.relu, 2) < 0.5),
                .init("ReLU, Kaiming: the activations keep their scale — last layer's standard deviation \(f.number(ratio(.relu, 3))) times the first's (expected between 0.5 and 2).",
                      holds: (0.5...2).contains(ratio(.relu, 3))),
            ],
            tables: tables,
            figures: [
                .init("tanh-std", chart("tanh: standard deviation of activations per layer", .tanh, scale: .logarithmic, \.standardDeviation)),
                .init("tanh-saturation", chart("tanh: fraction of saturated units (|h| > \(saturation)) per layer", .tanh, scale: .linear, \.saturated)),
                .init("relu-std", chart("ReLU: standard deviation of activations per layer", .relu, scale: .logarithmic, \.standardDeviation)),
            ])
    }
}
