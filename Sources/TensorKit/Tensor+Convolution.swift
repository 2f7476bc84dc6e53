// Two-dimensional convolution of a batch of images, forward and backward, as matrix
// products ("im2col"). The course's convolution is a cross-correlation: the filter is
// not flipped, so
//
//     out[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q xpad[n, c, i·stride + p, j·stride + q] · w[f, c, p, q]
//
// where xpad is x with `padding` zeros on every side. Laying every window of a few
// images out as a row of a matrix (the window's C·HH·WW values, in the order of a
// filter's elements) turns the sum into one product of that window matrix with the
// transposed (F, C·HH·WW) filter matrix, done by `matmul`.
//
// Windows are rows rather than columns (the course's im2col makes them columns) because
// `matmul` shares its work among threads by rows of its result: with the many windows
// as rows, each thread packs only its own windows, whereas a product with the few
// filters as rows would have every thread pack every window. Images are taken a few at
// a time, so the window matrix stays a few megabytes however big the batch is.

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
                // (images·H′·W′, F): row (n, i, j) holds output pixel (i, j) of image n.
                let product = windowRows(images, geometry).matmul(weights, transposingOther: true)
                product.scalars.withUnsafeBufferPointer { product in
                    for (k, n) in images.enumerated() {
                        for f in 0..<filterCount {
                            let b = bias.scalars[f]
                            let source = k * pixels * filterCount + f, target = (n * filterCount + f) * pixels
                            for p in 0..<pixels { out[target + p] = product[source + p * filterCount] + b }
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
        // Transposed, (C·HH·WW, F): the product's rows are then the many window
        // elements, not the few filters (see the top of this file).
        var filterGradient = Tensor.zeros([geometry.windowSize, filterCount])
        for images in geometry.imageChunks {
            // The output gradient of these images in the row order of the forward pass's
            // product, (images·H′·W′, F).
            let gradient = Tensor.filling([images.count * pixels, filterCount]) { out in
                outputGradient.scalars.withUnsafeBufferPointer { dout in
                    for (k, n) in images.enumerated() {
                        for f in 0..<filterCount {
                            let source = (n * filterCount + f) * pixels, target = k * pixels * filterCount + f
                            for p in 0..<pixels { out[target + p * filterCount] = dout[source + p] }
                        }
                    }
                }
            }
            filterGradient += windowRows(images, geometry).matmul(gradient, transposingSelf: true)
            inputGradient.addWindowRows(gradient.matmul(weights), images, geometry)
        }
        return (inputGradient, filterGradient.transposed().reshaped(filters.shape), outputGradient.sum(axes: [0, 2, 3]))
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

    /// The windows of images `images` as the rows of an `(images·H′·W′, C·HH·WW)`
    /// matrix: row `(n, i, j)`, column `(c, p, q)` (a filter's element order) holds
    /// padded pixel `(c, i·stride + p, j·stride + q)` of image `n`.
    private func windowRows(_ images: Range<Int>, _ g: ConvolutionGeometry) -> Tensor {
        Tensor.filling([images.count * g.outputPixels, g.windowSize]) { out in
            scalars.withUnsafeBufferPointer { x in
                g.forEachWindowRun(of: images) { target, source, inside in
                    if inside.count == g.windowWidth {
                        for q in 0..<g.windowWidth { out[target + q] = x[source + q] }
                    } else {
                        for q in 0..<g.windowWidth { out[target + q] = inside.contains(q) ? x[source + q] : 0 }
                    }
                }
            }
        }
    }

    /// Adds each row of `rows`, laid out as ``windowRows(_:_:)`` lays them out, back
    /// onto the pixels its window covers: the adjoint of `windowRows`, so a pixel under
    /// several windows gets the sum, and padding gets nothing.
    private mutating func addWindowRows(_ rows: Tensor, _ images: Range<Int>, _ g: ConvolutionGeometry) {
        rows.scalars.withUnsafeBufferPointer { rows in
            scalars.withUnsafeMutableBufferPointer { dx in
                g.forEachWindowRun(of: images) { target, source, inside in
                    for q in inside { dx[source + q] += rows[target + q] }
                }
            }
        }
    }
}
