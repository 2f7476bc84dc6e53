import Foundation
@testable import LabKit
import Testing

/// Every experiment, end to end at its tiny size, on the shipped digits.
@Suite("Experiments")
struct ExperimentTests {
    @Test("runs at tiny size and writes a report with numbers and well-formed charts",
          arguments: Experiment.allCases)
    func endToEnd(experiment: Experiment) throws {
        let context = ExperimentContext(trainer: Trainer(Reference.self), dataset: try Digits.load(), tiny: true)
        let report = experiment.run(context)
        #expect(report.name == experiment.rawValue)
        #expect(!report.checks.isEmpty)
        #expect(!report.figures.isEmpty)
        let folder = try temporaryDirectory()
        let files = try report.write(to: folder)
        #expect(files.count == report.figures.count + 1)
        let markdown = try String(contentsOf: folder.appendingPathComponent("\(experiment.rawValue).md"), encoding: .utf8)
        #expect(markdown.contains("**What the course teaches.**"))
        #expect(markdown.contains(report.verdict))
        for check in report.checks { #expect(markdown.contains(check.statement)) }
        for figure in report.figures {
            let name = "\(experiment.rawValue)-\(figure.file).svg"
            #expect(markdown.contains("(\(name))"), "the report shows \(name)")
            let svg = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let lines = try parseXML(svg).filter { $0.name == "polyline" }
            if let chart = figure.chart {
                #expect(lines.map { $0.attributes["data-series"] } == chart.series.map(\.name))
            } else {
                #expect(try parseXML(svg).contains { $0.name == "rect" && $0.attributes["data-filter"] == "0" }, "\(name) draws filters")
            }
        }
    }

    @Test("the verdict follows the checks")
    func verdict() {
        func report(_ holds: [Bool]) -> ExperimentReport {
            ExperimentReport(name: "x", title: "", claim: "", setup: "",
                             checks: holds.map { .init("", holds: $0) }, tables: [], figures: [])
        }
        #expect(report([true, true]).verdict.hasPrefix("**This run shows it**"))
        #expect(report([true, false]).verdict.contains("1 of 2 predictions hold"))
        #expect(report([false, false]).verdict.hasPrefix("**This run does not show it**"))
    }
}
