import Curriculum
import Foundation

/// Shows a training run as it happens.
///
/// On a terminal: a progress bar for the epoch in progress — step, loss,
/// iterations per second, time left in the run — redrawn in place, and one line per finished
/// epoch. Anywhere else (a log file, CI): only the line per epoch, so logs stay short.
public final class ProgressPrinter {
    private let interactive: Bool
    private let write: (String) -> Void
    /// When the printer was made, just before training starts.
    private let start = Date()
    private var epochLoss: (sum: Double, count: Int) = (0, 0)
    private var lastDraw = Date.distantPast
    private var startIteration: Int?

    /// - Parameters:
    ///   - interactive: draw the bar (when standard output is a terminal).
    ///   - write: where the text goes.
    public init(interactive: Bool, write: @escaping (String) -> Void) {
        self.interactive = interactive
        self.write = write
    }

    /// Call with every event of a ``Solver``.
    public func report(_ event: SolverProgress) {
        switch event {
        case let .iteration(epoch, step, steps, iteration, total, loss):
            // The rate counts the steps of this run only (a resumed run starts midway).
            if startIteration == nil { startIteration = iteration - 1 }
            epochLoss.sum += loss
            epochLoss.count += 1
            guard interactive, Date().timeIntervalSince(lastDraw) > 0.1 || step == steps else { return }
            lastDraw = Date()
            let rate = Double(iteration - startIteration!) / Swift.max(Date().timeIntervalSince(start), 1e-9)
            let remaining = Double(total - iteration) / Swift.max(rate, 1e-9)
            let width = 24
            let filled = width * step / Swift.max(steps, 1)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            write("\r\u{1B}[2Kepoch \(epoch) \(bar) \(step)/\(steps)  loss \(Self.fixed(loss, 4))  \(Self.fixed(rate, 1)) it/s  ETA \(Self.duration(remaining))")
        case let .epoch(epoch, epochs, trainAccuracy, validationAccuracy, improved):
            let meanLoss = epochLoss.sum / Double(Swift.max(epochLoss.count, 1))
            epochLoss = (0, 0)
            let clear = interactive ? "\r\u{1B}[2K" : ""
            write(clear + "epoch \(epoch)/\(epochs)  loss \(Self.fixed(meanLoss, 4))  train \(Self.percent(trainAccuracy))  val \(Self.percent(validationAccuracy))\(improved ? "  (best)" : "")  \(Self.duration(Date().timeIntervalSince(start)))\n")
        }
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// `0.9734` as `97.3%`.
    public static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", 100 * fraction)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        return seconds < 60 ? String(format: "%.1fs", seconds)
            : String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }
}
