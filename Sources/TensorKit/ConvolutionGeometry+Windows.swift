// Walking the windows of a convolution, for laying them out as the rows of a matrix
// and adding such rows back (Tensor+Convolution.swift).

extension ConvolutionGeometry {
    /// Up to this many window values are laid out at a time (8 MiB).
    private static let windowBudget = 1 << 20

    /// The images in groups whose windows fit ``windowBudget``, at least one image a group.
    var imageChunks: [Range<Int>] {
        let perImage = Swift.max(1, windowSize * outputPixels)
        let size = Swift.max(1, Self.windowBudget / perImage)
        return Swift.stride(from: 0, to: batch, by: size).map { $0..<Swift.min($0 + size, batch) }
    }

    /// Calls `body(target, source, inside)` for each row `p` of each channel `c` of each
    /// window of `images`: `WW` values that are `target..<target + WW` of an
    /// `(images·H′·W′, C·HH·WW)` window matrix, row `(n, i, j)` and columns `(c, p, 0..<WW)`,
    /// and padded pixels `(c, i·stride + p, j·stride + q)` of image `n` for `q` in
    /// `0..<WW`. Those with `q` in `inside` are in the image, at `source + q` of the
    /// input `(N, C, H, W)`; the others are padding.
    @inline(__always)
    func forEachWindowRun(of images: Range<Int>, _ body: (_ target: Int, _ source: Int, _ inside: Range<Int>) -> Void) {
        var target = 0
        for n in images {
            for i in 0..<outputHeight {
                for j in 0..<outputWidth {
                    // The window's columns in the image: none when the padding is
                    // wider than the window and the window lies in it.
                    let left = j * stride - padding
                    let end = Swift.max(0, Swift.min(windowWidth, width - left))
                    let inside = Swift.min(Swift.max(0, -left), end)..<end
                    for c in 0..<channels {
                        let plane = (n * channels + c) * height
                        for p in 0..<windowHeight {
                            let y = i * stride + p - padding
                            let rowInside = y >= 0 && y < height
                            body(target, (plane + (rowInside ? y : 0)) * width + left, rowInside ? inside : 0..<0)
                            target += windowWidth
                        }
                    }
                }
            }
        }
    }
}
