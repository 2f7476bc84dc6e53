// Two-dimensional convolution of a batch of images, forward and backward, as matrix
// products ("im2col"). The course's convolution is a cross-correlation: the filter is
// not flipped, so
//
//     out[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q xpad[n, c, i·stride + p, j·stride + q] · w[f, c, p, q]
//
// where xpad is x with `padding` zeros on every side. Laying every window of a few
// images out as a column of a matrix (the window's C·HH·WW values, in the order of a
// filter's elements) turns the sum into one product of the (F, C·HH·WW) filter matrix
// with that column matrix, done by `matmul`. Images are taken a few at a time, so the
// column matrix stays a few megabytes however big the batch is.

extension Tensor {
    /// The convolution (the course's cross-correlation: filters are not flipped) of a
    /// batch of images with a bank of filters, plus one bias per filter; the course's
    /// `conv_forward`.
    ///
    /// `out[n, f, i, j] = bias[f] + Σ_{c,p,q} xpad[n, c, i·stride + p, j·stride + q] · filters[f, c, p, q]`,
    /// where `xpad` is this tensor with `padding` zeros on each side of each image.
    /// - Parameters:
    ///   - filters: `(F, C, HH, WW)`, with `C` the channels of this tensor `(N, C, H, W)`.
    ///   - bias: `(F,)`.
    ///   - stride: the step between windows, across and down; `(H + 2·padding − HH)`
    ///     and `(W + 2·padding − WW)` must be multiples of it.
    ///   - padding: the zeros added on every side of each image.
    /// - Returns: `(N, F, H′, W′)` with `H′ = 1 + (H + 2·padding − HH) / stride` and
    ///   `W′ = 1 + (W + 2·padding − WW) / stride`.
    public func convolved(with filters: Tensor, bias: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
        let geometry = convolutionGeometry(filters: filters, stride: stride, padding: padding)
        let filterCount = filters.shape[0]
        if bias.shape != [filterCount] {
            shapeFailure("convolution: bias of shape \(formatShape(bias.shape)) does not match filters \(formatShape(filters.shape)); it needs shape (\(filterCount),)")
        }
        let weights = filters.reshaped(filterCount, geometry.windowSize)
        let pixels = geometry.outputPixels
        let outputShape = [geometry.batch, filterCount, geometry.outputHeight, geometry.outputWidth]
        return Tensor.filling(outputShape) { out in
            for images in geometry.imageChunks {
                // (F, images·H′·W′): column (n, i, j) is output pixel (i, j) of image n.
                let product = weights.matmul(windowColumns(images, geometry))
                product.scalars.withUnsafeBufferPointer { product in
                    for f in 0..<filterCount {
                        let b = bias.scalars[f]
                        for (k, n) in images.enumerated() {
                            let source = f * images.count * pixels + k * pixels
                            let target = (n * filterCount + f) * pixels
                            for p in 0..<pixels { out[target + p] = product[source + p] + b }
                        }
                    }
                }
            }
        }
    }

    /// The gradients of ``convolved(with:bias:stride:padding:)`` with respect to its
    /// input, filters and bias, given the gradient of a loss with respect to its output;
    /// the course's `conv_backward`. Called on the input of the forward pass.
    /// - Parameters:
    ///   - outputGradient: `(N, F, H′, W′)`, the shape of the forward pass's output.
    ///   - filters: `(F, C, HH, WW)`, the filters of the forward pass.
    ///   - stride: the forward pass's stride.
    ///   - padding: the forward pass's padding.
    /// - Returns: `input` shaped like this tensor `(N, C, H, W)`, `filters` shaped like
    ///   the filters and `bias` of shape `(F,)`.
    public func convolutionGradients(
        _ outputGradient: Tensor, filters: Tensor, stride: Int = 1, padding: Int = 0
    ) -> (input: Tensor, filters: Tensor, bias: Tensor) {
        let geometry = convolutionGeometry(filters: filters, stride: stride, padding: padding)
        let filterCount = filters.shape[0]
        let outputShape = [geometry.batch, filterCount, geometry.outputHeight, geometry.outputWidth]
        if outputGradient.shape != outputShape {
            shapeFailure("convolution backward: output gradient of shape \(formatShape(outputGradient.shape)) does not match the output \(formatShape(outputShape)) of input \(formatShape(shape)) and filters \(formatShape(filters.shape)) with stride \(stride) and pad \(padding)")
        }
        let weights = filters.reshaped(filterCount, geometry.windowSize)
        let pixels = geometry.outputPixels
        var inputGradient = Tensor.zeros(shape)
        var filterGradient = Tensor.zeros([filterCount, geometry.windowSize])
        for images in geometry.imageChunks {
            // The output gradient of these images in the column order of the forward pass.
            let gradient = Tensor.filling([filterCount, images.count * pixels]) { out in
                outputGradient.scalars.withUnsafeBufferPointer { dout in
                    for f in 0..<filterCount {
                        for (k, n) in images.enumerated() {
                            let source = (n * filterCount + f) * pixels
                            let target = f * images.count * pixels + k * pixels
                            for p in 0..<pixels { out[target + p] = dout[source + p] }
                        }
                    }
                }
            }
            filterGradient += gradient.matmul(windowColumns(images, geometry), transposingOther: true)
            let columnGradient = weights.matmul(gradient, transposingSelf: true)
            inputGradient.addWindowColumns(columnGradient, images, geometry)
        }
        return (inputGradient, filterGradient.reshaped(filters.shape), outputGradient.sum(axes: [0, 2, 3]))
    }

    /// The geometry of a convolution of this tensor with `filters`, or a stop that names
    /// both shapes when they do not go together.
    private func convolutionGeometry(filters: Tensor, stride: Int, padding: Int) -> ConvolutionGeometry {
        let operands = "input \(formatShape(shape)), filters \(formatShape(filters.shape)), stride \(stride), pad \(padding)"
        if filters.rank != 4 {
            shapeFailure("convolution: needs filters of shape (F, C, HH, WW), got \(operands)")
        }
        let geometry = ConvolutionGeometry(
            input: shape, windowHeight: filters.shape[2], windowWidth: filters.shape[3],
            stride: stride, padding: padding, fit: .exact, operation: "convolution", operands: operands)
        if filters.shape[1] != geometry.channels {
            shapeFailure("convolution: filters have \(filters.shape[1]) channels but the input has \(geometry.channels): \(operands)")
        }
        return geometry
    }

    /// The windows of images `images` as the columns of a `(C·HH·WW, images·H′·W′)`
    /// matrix: row `(c, p, q)` (in a filter's element order), column `(n, i, j)` holds
    /// padded pixel `(c, i·stride + p, j·stride + q)` of image `n`.
    private func windowColumns(_ images: Range<Int>, _ g: ConvolutionGeometry) -> Tensor {
        let columns = images.count * g.outputPixels
        return Tensor.filling([g.windowSize, columns]) { out in
            scalars.withUnsafeBufferPointer { x in
                g.forEachWindowRow(of: images) { row, image, pixel, outputRow in
                    out[row * columns + (image - images.lowerBound) * g.outputPixels + outputRow * g.outputWidth + pixel.column]
                        = pixel.isInside ? x[pixel.offset] : 0
                }
            }
        }
    }

    /// Adds each column of `columns`, laid out as ``windowColumns(_:_:)`` lays them out,
    /// back onto the pixels its window covers: the adjoint of `windowColumns`, so a
    /// pixel under several windows gets the sum, and padding gets nothing.
    private mutating func addWindowColumns(_ columns: Tensor, _ images: Range<Int>, _ g: ConvolutionGeometry) {
        let width = columns.shape[1]
        columns.scalars.withUnsafeBufferPointer { source in
            scalars.withUnsafeMutableBufferPointer { dx in
                g.forEachWindowRow(of: images) { row, image, pixel, outputRow in
                    if pixel.isInside {
                        dx[pixel.offset] += source[row * width + (image - images.lowerBound) * g.outputPixels + outputRow * g.outputWidth + pixel.column]
                    }
                }
            }
        }
    }
}

extension ConvolutionGeometry {
    /// Where one window element falls in the input.
    struct Pixel {
        /// The output column `j` of the window.
        var column: Int
        /// Whether the pixel is in the image rather than in its padding.
        var isInside: Bool
        /// The pixel's row-major offset in the input `(N, C, H, W)`, when inside.
        var offset: Int
    }

    /// Up to this many window values are laid out as columns at a time (8 MiB).
    private static let columnBudget = 1 << 20

    /// The images in groups whose window columns fit ``columnBudget``, at least one image
    /// a group.
    var imageChunks: [Range<Int>] {
        let perImage = Swift.max(1, windowSize * outputPixels)
        let size = Swift.max(1, Self.columnBudget / perImage)
        return Swift.stride(from: 0, to: batch, by: size).map { $0..<Swift.min($0 + size, batch) }
    }

    /// Calls `body(row, image, pixel, outputRow)` for every element `(c, p, q)` (row
    /// `(c·HH + p)·WW + q` of a filter matrix) of every window of `images`, with the
    /// input pixel that element sees.
    @inline(__always)
    func forEachWindowRow(
        of images: Range<Int>, _ body: (_ row: Int, _ image: Int, _ pixel: Pixel, _ outputRow: Int) -> Void
    ) {
        for c in 0..<channels {
            for p in 0..<windowHeight {
                for q in 0..<windowWidth {
                    let row = (c * windowHeight + p) * windowWidth + q
                    for n in images {
                        let plane = (n * channels + c) * height * width
                        for i in 0..<outputHeight {
                            let y = i * stride + p - padding
                            let rowInside = y >= 0 && y < height
                            for j in 0..<outputWidth {
                                let x = j * stride + q - padding
                                let inside = rowInside && x >= 0 && x < width
                                body(row, n, Pixel(column: j, isInside: inside, offset: inside ? plane + y * width + x : 0), i)
                            }
                        }
                    }
                }
            }
        }
    }
}
