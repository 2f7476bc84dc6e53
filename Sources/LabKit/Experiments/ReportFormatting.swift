import Curriculum
import Foundation

/// Number formats and tables shared by the experiments' reports.
enum ReportFormatting {
    /// `0.9734` as `97.3%`.
    static func percent(_ fraction: Double) -> String { ProgressPrinter.percent(fraction) }

    /// A loss or statistic with three significant digits (`nan` stays `nan`).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        return abs(value) >= 1e-3 && abs(value) < 1e4 ? String(format: "%.3f", value) : String(format: "%.2e", value)
    }

    /// A markdown table.
    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var text = "| " + headers.joined(separator: " | ") + " |\n"
        text += "|" + headers.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in rows { text += "| " + row.joined(separator: " | ") + " |\n" }
        return text
    }

    /// The usual table of training runs: losses and accuracies per run.
    static func runTable(_ runs: [Run]) -> String {
        table(["run", "loss, epoch 1", "loss, last epoch", "final train acc.", "best val. acc.", "test acc."],
              runs.map { run in
                  [run.label,
                   run.history.losses.count >= run.history.iterationsPerEpoch ? number(run.history.meanLoss(epoch: 1)) : "—",
                   number(run.finalLoss),
                   percent(run.outcome.finalTrainAccuracy),
                   percent(run.outcome.bestValidationAccuracy),
                   run.outcome.failure == nil ? percent(run.outcome.testAccuracy) : "diverged"]
              })
    }

    /// Minibatch losses of several runs, each smoothed over `window` iterations.
    static func lossChart(_ title: String, _ runs: [Run], window: Int) -> Chart {
        Chart(title: "\(title) (mean of \(window) iterations)", x: Axis("iteration"), y: Axis("training loss"),
              series: runs.map { Series($0.label, values: $0.history.losses, startingAt: 1).smoothed(window: window) })
    }

    /// One accuracy per epoch for each run.
    static func accuracyChart(_ title: String, _ runs: [Run],
                              _ accuracies: KeyPath<TrainingHistory, [Double]>) -> Chart {
        Chart(title: title, x: Axis("epoch"), y: Axis("accuracy", range: 0...1),
              series: runs.map { Series($0.label, values: $0.history[keyPath: accuracies], markers: true) })
    }
}
