// Max pooling of a batch of images, forward and backward.
//
// Ties: the gradient of a window goes to ONE element, the first maximum in row-major
// order within the window — the element `np.argmax` picks on the flattened window,
// which is how the course's naive `max_pool_backward_naive` routes it
// (`np.unravel_index(np.argmax(window), window.shape)`). It does not go to every tied
// element (what a `window == max` mask does, counting the gradient twice), nor is it
// split evenly among them (what the course's `max_pool_backward_reshape` does). The
// first maximum and the even split are both valid subgradients, so a check of a
// student's max pooling on tied inputs must say which one it expects.
// NaN wins as in `np.argmax`: the first NaN of a window is its maximum.

extension Tensor {
    /// The largest value of each `height × width` window of each channel of a batch of
    /// images, windows `stride` apart; the course's `max_pool_forward`.
    ///
    /// As in the course's naive code, there is no padding, and rows or columns after
    /// the last whole window are left out: `H′ = 1 + (H − height) / stride`, rounded down.
    /// - Parameters:
    ///   - height: the rows of a pooling window, at most `H`.
    ///   - width: the columns of a pooling window, at most `W`.
    ///   - stride: the step between windows, across and down.
    /// - Returns: `(N, C, H′, W′)` for this tensor `(N, C, H, W)`.
    public func maxPooled(height: Int, width: Int, stride: Int) -> Tensor {
        let g = poolingGeometry(height: height, width: width, stride: stride)
        return Tensor.filling([g.batch, g.channels, g.outputHeight, g.outputWidth]) { out in
            scalars.withUnsafeBufferPointer { x in
                g.forEachPoolingWindow { output, window in
                    out[output] = x[firstMaximum(x, window, g)]
                }
            }
        }
    }

    /// The gradient of ``maxPooled(height:width:stride:)`` with respect to its input,
    /// given the gradient of a loss with respect to its output; the course's
    /// `max_pool_backward`. Called on the input of the forward pass.
    ///
    /// Each window's gradient goes to its first maximum in row-major order (what
    /// `np.argmax` picks), not to every tied element; where windows overlap
    /// (`stride` smaller than the window), an element gets the sum of the gradients of
    /// the windows whose maximum it is.
    /// - Parameters:
    ///   - outputGradient: `(N, C, H′, W′)`, the shape of the forward pass's output.
    ///   - height: the forward pass's window height.
    ///   - width: the forward pass's window width.
    ///   - stride: the forward pass's stride.
    /// - Returns: the gradient with respect to this tensor, of its shape `(N, C, H, W)`.
    public func maxPoolingGradient(_ outputGradient: Tensor, height: Int, width: Int, stride: Int) -> Tensor {
        let g = poolingGeometry(height: height, width: width, stride: stride)
        let outputShape = [g.batch, g.channels, g.outputHeight, g.outputWidth]
        if outputGradient.shape != outputShape {
            shapeFailure("max pooling backward: output gradient of shape \(formatShape(outputGradient.shape)) does not match the output \(formatShape(outputShape)) of input \(formatShape(shape)) with a \(height)×\(width) window and stride \(stride)")
        }
        var gradient = [Double](repeating: 0, count: count)
        scalars.withUnsafeBufferPointer { x in
            outputGradient.scalars.withUnsafeBufferPointer { dout in
                gradient.withUnsafeMutableBufferPointer { dx in
                    g.forEachPoolingWindow { output, window in
                        dx[firstMaximum(x, window, g)] += dout[output]
                    }
                }
            }
        }
        return Tensor(unchecked: shape, gradient)
    }

    /// The geometry of a pooling window over this tensor, or a stop that names the shapes.
    private func poolingGeometry(height: Int, width: Int, stride: Int) -> ConvolutionGeometry {
        ConvolutionGeometry(
            input: shape, windowHeight: height, windowWidth: width, stride: stride, padding: 0,
            fit: .roundingDown, operation: "max pooling",
            operands: "input \(formatShape(shape)), window \(height)×\(width), stride \(stride)")
    }
}

/// The offset of the first largest element (row-major) of the window whose top-left
/// element is at offset `window`; the first NaN, if there is one.
@inline(__always)
private func firstMaximum(_ x: UnsafeBufferPointer<Double>, _ window: Int, _ g: ConvolutionGeometry) -> Int {
    var best = window
    for p in 0..<g.windowHeight {
        let row = window + p * g.width
        for q in 0..<g.windowWidth where !x[best].isNaN && !(x[row + q] <= x[best]) {
            best = row + q
        }
    }
    return best
}

extension ConvolutionGeometry {
    /// Calls `body(output, window)` for every output element, with its row-major offset
    /// in `(N, C, H′, W′)` and the offset in `(N, C, H, W)` of its window's top-left
    /// element (pooling has no padding).
    @inline(__always)
    fileprivate func forEachPoolingWindow(_ body: (_ output: Int, _ window: Int) -> Void) {
        var output = 0
        for plane in 0..<(batch * channels) {
            for i in 0..<outputHeight {
                for j in 0..<outputWidth {
                    body(output, plane * height * width + i * stride * width + j * stride)
                    output += 1
                }
            }
        }
    }
}
