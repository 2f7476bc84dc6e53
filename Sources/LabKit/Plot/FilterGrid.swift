import TensorKit

/// Conv filters drawn as small images in a grid: each `K × K` filter as `K × K`
/// squares, white for its largest weight and black for its smallest (each filter
/// scaled on its own), in colour when filters have three channels (red, green, blue)
/// and in grey from their first channel otherwise.
public struct FilterGrid: Sendable {
    public var title: String
    /// `(F, C, K, K)`.
    public var filters: Tensor
    /// Filters per row of the grid.
    public var columns: Int = 8
    /// The side of one weight's square, in pixels.
    public var cell: Double = 10

    /// - Parameters:
    ///   - filters: a conv layer's filters, `(F, C, K, K)`.
    public init(title: String, filters: Tensor) {
        self.title = title
        self.filters = filters
    }

    /// The grid as a standalone SVG document; each square is a `<rect>` whose
    /// `data-filter` is its filter's number.
    public var svg: String {
        let (count, channels, height, width) = (filters.shape[0], filters.shape[1], filters.shape[2], filters.shape[3])
        let gap = cell, top = 40.0
        let rows = (count + columns - 1) / columns
        let tile = (Double(width) * cell + gap, Double(height) * cell + gap)
        var document = SVGDocument(width: gap + Double(Swift.min(columns, count)) * tile.0,
                                   height: top + Double(rows) * tile.1)
        document.text(title, at: (gap, 24), size: 14, bold: true)
        let plane = height * width
        for f in 0..<count {
            let weights = Array(filters.scalars[(f * channels * plane)..<((f + 1) * channels * plane)])
            let low = weights.min() ?? 0, high = weights.max() ?? 0
            func level(_ value: Double) -> Int {
                high > low ? Int((255 * (value - low) / (high - low)).rounded()) : 128
            }
            let origin = (gap + Double(f % columns) * tile.0, top + Double(f / columns) * tile.1)
            for p in 0..<height {
                for q in 0..<width {
                    let rgb = (0..<3).map { channel in level(weights[(channels == 3 ? channel : 0) * plane + p * width + q]) }
                    document.add("rect", ["x": SVGDocument.format(origin.0 + Double(q) * cell),
                                          "y": SVGDocument.format(origin.1 + Double(p) * cell),
                                          "width": SVGDocument.format(cell), "height": SVGDocument.format(cell),
                                          "fill": "rgb(\(rgb[0]),\(rgb[1]),\(rgb[2]))", "data-filter": "\(f)"])
                }
            }
        }
        return document.xml
    }
}
