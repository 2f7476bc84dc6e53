/// A line chart rendered as SVG: axes with ticks and labels, a title, one polyline per
/// series in a distinct colour, and a legend. Made to be read, not admired.
///
/// ```swift
/// let chart = Chart(title: "Training loss", x: Axis("iteration"), y: Axis("loss"),
///                   series: [Series("loss", values: history.losses)])
/// try chart.svg.write(to: url, atomically: true, encoding: .utf8)
/// ```
public struct Chart: Sendable {
    public var title: String
    public var x: Axis
    public var y: Axis
    public var series: [Series]
    public var width: Double = 720
    public var height: Double = 440

    public init(title: String, x: Axis, y: Axis, series: [Series]) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
    }

    /// Colours that stay distinguishable for colour-blind readers (Okabe and Ito).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
                          "#56B4E9", "#000000", "#F0E442"]

    /// The chart as a standalone SVG document.
    public var svg: String {
        let left = 70.0, right = width - 20, top = 40.0, bottom = height - 60
        let xDomain = x.domain(of: series.flatMap { $0.points.map(\.x) })
        let yDomain = y.domain(of: series.flatMap { $0.points.map(\.y) })
        func px(_ value: Double) -> Double {
            left + (x.transform(value) - xDomain.lowerBound) / (xDomain.upperBound - xDomain.lowerBound) * (right - left)
        }
        func py(_ value: Double) -> Double {
            bottom - (y.transform(value) - yDomain.lowerBound) / (yDomain.upperBound - yDomain.lowerBound) * (bottom - top)
        }
        var doc = SVGDocument(width: width, height: height)
        doc.text(title, at: (width / 2, 24), size: 16, anchor: "middle", bold: true)

        // Grid, ticks and tick labels.
        for tick in x.ticks(in: xDomain) {
            let position = left + (tick.position - xDomain.lowerBound) / (xDomain.upperBound - xDomain.lowerBound) * (right - left)
            doc.line(from: (position, top), to: (position, bottom), stroke: "#e5e5e5")
            doc.line(from: (position, bottom), to: (position, bottom + 5), stroke: "#333")
            doc.text(tick.label, at: (position, bottom + 19), size: 11, anchor: "middle")
        }
        for tick in y.ticks(in: yDomain) {
            let position = bottom - (tick.position - yDomain.lowerBound) / (yDomain.upperBound - yDomain.lowerBound) * (bottom - top)
            doc.line(from: (left, position), to: (right, position), stroke: "#e5e5e5")
            doc.line(from: (left - 5, position), to: (left, position), stroke: "#333")
            doc.text(tick.label, at: (left - 8, position + 4), size: 11, anchor: "end")
        }
        doc.line(from: (left, bottom), to: (right, bottom), stroke: "#333")
        doc.line(from: (left, top), to: (left, bottom), stroke: "#333")
        doc.text(x.label, at: ((left + right) / 2, height - 22), size: 13, anchor: "middle")
        doc.text(y.label, at: (18, (top + bottom) / 2), size: 13, anchor: "middle", rotation: -90)

        // The data: one polyline per series, named so that tools and tests can find it.
        for (index, s) in series.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            let visible = s.points.filter {
                $0.x.isFinite && $0.y.isFinite && (x.scale == .linear || $0.x > 0) && (y.scale == .linear || $0.y > 0)
            }
            let coordinates = visible.map { "\(SVGDocument.format(px($0.x))),\(SVGDocument.format(py($0.y)))" }
            doc.add("polyline", ["data-series": s.name, "points": coordinates.joined(separator: " "),
                                 "fill": "none", "stroke": colour, "stroke-width": "1.6",
                                 "stroke-linejoin": "round"])
            if s.markers {
                for p in visible {
                    doc.add("circle", ["cx": SVGDocument.format(px(p.x)), "cy": SVGDocument.format(py(p.y)),
                                       "r": "3", "fill": colour])
                }
            }
        }

        // Legend, top right, on a white box so it stays readable over the lines.
        let rowHeight = 18.0
        let legendWidth = 24 + Double(series.map(\.name.count).max() ?? 0) * 7
        let legendX = right - legendWidth - 8
        doc.add("rect", ["x": SVGDocument.format(legendX - 6), "y": SVGDocument.format(top + 4),
                         "width": SVGDocument.format(legendWidth + 10),
                         "height": SVGDocument.format(Double(series.count) * rowHeight + 6),
                         "fill": "white", "fill-opacity": "0.85", "stroke": "#ccc"])
        for (index, s) in series.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            let rowY = top + 18 + Double(index) * rowHeight
            doc.line(from: (legendX, rowY - 4), to: (legendX + 18, rowY - 4), stroke: colour, width: 3)
            doc.text(s.name, at: (legendX + 24, rowY), size: 12)
        }
        return doc.xml
    }
}
