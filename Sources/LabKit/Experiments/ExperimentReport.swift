import Foundation

/// What an experiment found: the course's claim, what was run, the numbers, and
/// whether the numbers bear the claim out. Written as markdown with SVG charts.
public struct ExperimentReport: Sendable {
    /// The experiment's command-line name; files are named after it.
    public var name: String
    public var title: String
    /// What the course teaches, in our words.
    public var claim: String
    /// What was run: data, net, optimizer, schedule.
    public var setup: String
    /// Statements about this run, each with its numbers and whether it holds.
    public var checks: [Check]
    /// Markdown tables of the numbers.
    public var tables: [String]
    /// Charts, each written to `<name>-<file>.svg`.
    public var figures: [Figure]

    /// One statement the course's claim predicts, tested on this run's numbers.
    public struct Check: Sendable {
        /// The prediction with the measured numbers, e.g. "loss in epoch 1: 0.61 with
        /// batch norm, 1.87 without (expected lower with)".
        public var statement: String
        public var holds: Bool
        public init(_ statement: String, holds: Bool) {
            self.statement = statement
            self.holds = holds
        }
    }

    public struct Figure: Sendable {
        /// The file name's suffix, e.g. `loss` for `batchnorm-loss.svg`.
        public var file: String
        public var title: String
        /// The chart, when the figure is one (`nil` for a grid of filters).
        public var chart: Chart?
        /// The SVG document.
        public var svg: String

        public init(_ file: String, _ chart: Chart) {
            self.file = file
            self.title = chart.title
            self.chart = chart
            self.svg = chart.svg
        }

        public init(_ file: String, _ grid: FilterGrid) {
            self.file = file
            self.title = grid.title
            self.chart = nil
            self.svg = grid.svg
        }
    }

    /// One sentence: does this run show what the course claims?
    public var verdict: String {
        let held = checks.filter(\.holds).count
        if held == checks.count { return "**This run shows it**: every prediction below holds." }
        if held == 0 { return "**This run does not show it**: none of the predictions below holds." }
        return "**This run shows it only in part**: \(held) of \(checks.count) predictions hold."
    }

    /// The report as a markdown page whose images are the SVG files beside it.
    public var markdown: String {
        var text = "# \(title)\n\n"
        text += "**What the course teaches.** \(claim)\n\n"
        text += "**What was run.** \(setup)\n\n"
        text += "## Result\n\n\(verdict)\n\n"
        for check in checks { text += "- \(check.holds ? "✅" : "❌") \(check.statement)\n" }
        text += "\n"
        for table in tables { text += table + "\n" }
        for figure in figures { text += "![\(figure.title)](\(name)-\(figure.file).svg)\n\n" }
        return text
    }

    /// Writes `<name>.md` and the charts into `directory`.
    /// - Returns: the files written.
    @discardableResult
    public func write(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [URL] = []
        for figure in figures {
            let url = directory.appendingPathComponent("\(name)-\(figure.file).svg")
            try figure.svg.write(to: url, atomically: true, encoding: .utf8)
            written.append(url)
        }
        let url = directory.appendingPathComponent("\(name).md")
        try markdown.write(to: url, atomically: true, encoding: .utf8)
        return written + [url]
    }
}
