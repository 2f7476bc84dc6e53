import Curriculum
import Foundation

/// Writes a run's history as CSV (for spreadsheets and pandas), JSON (for programs)
/// and SVG charts (for people).
public enum HistoryFiles {
    /// `loss.csv`: one row per iteration.
    public static func lossCSV(_ history: TrainingHistory) -> String {
        var text = "iteration,epoch,loss\n"
        for (i, loss) in history.losses.enumerated() {
            text += "\(i + 1),\(i / history.iterationsPerEpoch + 1),\(loss)\n"
        }
        return text
    }

    /// `accuracy.csv`: one row per epoch, epoch 0 being the untrained model, with the
    /// learning rate used during that epoch.
    public static func accuracyCSV(_ history: TrainingHistory) -> String {
        var text = "epoch,train_accuracy,validation_accuracy,learning_rate\n"
        for epoch in history.trainAccuracies.indices {
            let rate = history.learningRates[safe: epoch - 1].map { "\($0)" } ?? ""
            text += "\(epoch),\(history.trainAccuracies[epoch]),\(history.validationAccuracies[epoch]),\(rate)\n"
        }
        return text
    }

    /// The minibatch loss per iteration, with its moving average over one epoch.
    public static func lossChart(_ history: TrainingHistory, title: String = "Training loss") -> Chart {
        let raw = Series("minibatch loss", values: history.losses, startingAt: 1)
        var smooth = raw.smoothed(window: history.iterationsPerEpoch)
        smooth.name = "mean of the last \(history.iterationsPerEpoch) (one epoch)"
        return Chart(title: title, x: Axis("iteration"), y: Axis("loss"), series: [raw, smooth])
    }

    /// Train and validation accuracy per epoch.
    public static func accuracyChart(_ history: TrainingHistory, title: String = "Accuracy") -> Chart {
        Chart(title: title, x: Axis("epoch"), y: Axis("accuracy", range: 0...1),
              series: [Series("train", values: history.trainAccuracies, markers: true),
                       Series("validation", values: history.validationAccuracies, markers: true)])
    }

    /// Writes `loss.csv`, `accuracy.csv`, `history.json` (the history and `summary`),
    /// `loss.svg` and `accuracy.svg` into `directory`.
    public static func write<Summary: Encodable>(_ history: TrainingHistory, summary: Summary,
                                                 to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(HistoryDocument(summary: summary, history: history))
            .write(to: directory.appendingPathComponent("history.json"))
        let texts = ["loss.csv": lossCSV(history), "accuracy.csv": accuracyCSV(history),
                     "loss.svg": lossChart(history).svg, "accuracy.svg": accuracyChart(history).svg]
        for (file, text) in texts {
            try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
    }
}

/// The layout of `history.json`.
private struct HistoryDocument<Summary: Encodable>: Encodable {
    var summary: Summary
    var history: TrainingHistory
}
