import TensorKit

// The naive layers' loops: every output position, and every element of a window.

extension ConvolutionGeometry {
    /// Every output position `(i, j)`, `0 ≤ i < H′`, `0 ≤ j < W′`, row by row.
    public var outputPositions: [(i: Int, j: Int)] {
        (0..<outputHeight).flatMap { i in (0..<outputWidth).map { j in (i, j) } }
    }

    /// Every offset `(p, q)` inside one channel of a window, `0 ≤ p < HH`, `0 ≤ q < WW`,
    /// row by row: the order in which `np.argmax` reads a window.
    public var windowOffsets: [(p: Int, q: Int)] {
        (0..<windowHeight).flatMap { p in (0..<windowWidth).map { q in (p, q) } }
    }

    /// Every element `(c, p, q)` of a window across the channels, in a filter's
    /// row-major order.
    public var windowElements: [(c: Int, p: Int, q: Int)] {
        (0..<channels).flatMap { c in windowOffsets.map { (c, $0.p, $0.q) } }
    }
}
