import Curriculum
import Foundation

/// Shows a training run as it happens.
///
/// On a terminal: a progress bar for the epoch in progress — iteration, loss,
/// iterations per second, time left — redrawn in place, and one line per finished
/// epoch. Anywhere else (a log file, CI): only the line per epoch, so logs stay short.
public final class ProgressPrinter {
    private let interactive: Bool
    private let write: (String) -> Void
    private var start = Date()
    private var epochStartLoss: (sum: Double, count: Int) = (0, 0)
    private var lastDraw = Date.distantPast
    private var startIteration: Int?

    /// - Parameters:
    ///   - interactive: draw the bar; by default, whether standard output is a terminal.
    ///   - write: where text goes; standard output by default.
    public init(interactive: Bool = isatty(STDOUT_FILENO) != 0,
                write: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }) {
        self.interactive = interactive
        self.write = write
    }

    /// Call with every event of a ``Solver``.
    public func report(_ event: SolverProgress) {
        switch event {
        case let .iteration(epoch, iteration, total, loss):
            if startIteration == nil { startIteration = iteration - 1; start = Date() }
            epochStartLoss.sum += loss
            epochStartLoss.count += 1
            guard interactive, Date().timeIntervalSince(lastDraw) > 0.1 || iteration == total else { return }
            lastDraw = Date()
            let elapsed = Date().timeIntervalSince(start)
            let done = iteration - (startIteration ?? 0)
            let rate = Double(done) / Swift.max(elapsed, 1e-9)
            let remaining = Double(total - iteration) / Swift.max(rate, 1e-9)
            let width = 24
            let filled = Int(Double(width) * Double(iteration) / Double(Swift.max(total, 1)))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            write("\r\u{1B}[2Kepoch \(epoch) \(bar) \(iteration)/\(total)  loss \(Self.fixed(loss, 4))  \(Self.fixed(rate, 1)) it/s  ETA \(Self.duration(remaining))")
        case let .epoch(epoch, epochs, trainAccuracy, validationAccuracy, improved):
            let meanLoss = epochStartLoss.sum / Double(Swift.max(epochStartLoss.count, 1))
            epochStartLoss = (0, 0)
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
