import Curriculum
import Foundation
import LabKit
import Testing

@Suite("SVG charts")
struct PlotTests {
    static let chart = Chart(
        title: "Loss & accuracy <test>", x: Axis("epoch"), y: Axis("value"),
        series: [Series("train \"loss\"", values: [2.3, 1.1, 0.7, 0.5]),
                 Series("validation", values: [0.1, 0.5, 0.8], markers: true)])

    @Test("the SVG is well-formed XML with an svg root")
    func wellFormed() throws {
        let elements = try parseXML(Self.chart.svg)
        #expect(elements.first?.name == "svg")
        #expect(elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
    }

    @Test("each series is one polyline with all its points, named in the legend")
    func containsSeries() throws {
        let elements = try parseXML(Self.chart.svg)
        let lines = elements.filter { $0.name == "polyline" }
        #expect(lines.map { $0.attributes["data-series"] } == ["train \"loss\"", "validation"])
        let pointCounts = lines.map { $0.attributes["points"]!.split(separator: " ").count }
        #expect(pointCounts == [4, 3])
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains("train \"loss\""))
        #expect(texts.contains("validation"))
        #expect(texts.contains("Loss & accuracy <test>"))
        #expect(elements.filter { $0.name == "circle" }.count == 3, "markers for the second series only")
    }

    @Test("points map to the page in order: larger x is further right, larger y higher up")
    func coordinates() throws {
        let line = try #require(try parseXML(Self.chart.svg).first { $0.attributes["data-series"] == "train \"loss\"" })
        let points = line.attributes["points"]!.split(separator: " ").map {
            $0.split(separator: ",").map { Double($0)! }
        }
        #expect(zip(points, points.dropFirst()).allSatisfy { $0[0] < $1[0] })
        // The loss falls, so the line rises on the page... downwards in SVG's y.
        #expect(zip(points, points.dropFirst()).allSatisfy { $0[1] < $1[1] })
    }

    @Test("a logarithmic axis leaves out values it cannot show and labels powers of ten")
    func logarithmicAxis() throws {
        let chart = Chart(title: "log", x: Axis("scale", scale: .logarithmic), y: Axis("loss"),
                          series: [Series("s", points: [.init(0, 1), .init(1e-3, 2), .init(1e-1, 3), .init(1, .nan)])])
        let elements = try parseXML(chart.svg)
        let line = try #require(elements.first { $0.name == "polyline" })
        #expect(line.attributes["points"]!.split(separator: " ").count == 2)
        let labels = elements.filter { $0.name == "text" }.map(\.text)
        #expect(labels.contains("1e-3") && labels.contains("1e-2") && labels.contains("1e-1"))
    }

    @Test("linear ticks fall on 1, 2 or 5 times a power of ten")
    func ticks() throws {
        let labels = try parseXML(Chart(title: "t", x: Axis("x"), y: Axis("y", range: 0...1),
                                        series: [Series("s", values: [0, 1])]).svg)
            .filter { $0.name == "text" }.map(\.text)
        #expect(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"].allSatisfy(labels.contains))
    }

    @Test("a moving average averages each point with its predecessors")
    func smoothing() {
        let smoothed = Series("s", values: [1, 3, 5, 7]).smoothed(window: 2)
        #expect(smoothed.points.map(\.y) == [1, 2, 4, 6])
    }

    @Test("history CSV files: one row per iteration and one per epoch")
    func historyCSV() {
        var history = TrainingHistory(iterationsPerEpoch: 2)
        history.losses = [2.5, 2.0, 1.5, 1.25]
        history.trainAccuracies = [0.1, 0.5, 0.75]
        history.validationAccuracies = [0.125, 0.5, 0.625]
        history.learningRates = [0.01, 0.005]
        #expect(HistoryFiles.lossCSV(history) == "iteration,epoch,loss\n1,1,2.5\n2,1,2.0\n3,2,1.5\n4,2,1.25\n")
        #expect(HistoryFiles.accuracyCSV(history) == """
            epoch,train_accuracy,validation_accuracy,learning_rate
            0,0.1,0.125,
            1,0.5,0.5,0.01
            2,0.75,0.625,0.005

            """)
    }
}
