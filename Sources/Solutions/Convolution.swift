import Curriculum
import TensorKit

/// The reference `conv`: the course's naive convolution (a cross-correlation: the
/// filter is not flipped), one window at a time, as in `conv_forward_naive` and
/// `conv_backward_naive`. TensorKit's `convolved(with:bias:stride:padding:)` computes
/// the same as matrix products, much faster.
public struct Convolution: ConvolutionLayer {
    /// What the backward pass needs.
    public struct Cache: Sendable {
        /// The images with their zeros, `(N, C, H + 2·padding, W + 2·padding)`.
        public var paddedX: Tensor
        /// The filters `(F, C, HH, WW)`.
        public var w: Tensor
        /// Where the windows land: sizes, stride, padding and `H′`, `W′`.
        public var geometry: ConvolutionGeometry
    }

    public init() {}

    /// - Returns: `out` `(N, F, H′, W′)`; stops when the filters do not fit (see the protocol).
    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let g = Convolution.geometry(x, w, b, stride: stride, padding: padding)
        let xpad = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
        var out = Tensor.zeros([g.batch, w.shape[0], g.outputHeight, g.outputWidth])
        let window = g.windowElements
        for n in 0..<g.batch {
            for f in 0..<w.shape[0] {
                for (i, j) in g.outputPositions {
                    // The window of output (i, j) starts at padded pixel (i·stride, j·stride).
                    var sum = b[f]
                    for (c, p, q) in window {
                        sum += xpad[n, c, i * stride + p, j * stride + q] * w[f, c, p, q]
                    }
                    out[n, f, i, j] = sum
                }
            }
        }
        return (out, Cache(paddedX: xpad, w: w, geometry: g))
    }

    /// - Returns: `dx` `(N, C, H, W)`, `dw` `(F, C, HH, WW)`, `db` `(F,)`.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (xpad, w, g) = (cache.paddedX, cache.w, cache.geometry)
        let s = g.stride
        // Each product xpad[…]·w[f, c, p, q] of the forward pass sends dout[n, f, i, j]
        // times the other factor back to each factor; a pixel under several windows
        // and a weight used at every (n, i, j) collect the sum.
        var dxpad = Tensor.zeros(xpad.shape)
        var dw = Tensor.zeros(w.shape)
        let window = g.windowElements
        for n in 0..<g.batch {
            for f in 0..<w.shape[0] {
                for (i, j) in g.outputPositions {
                    let d = dout[n, f, i, j]
                    for (c, p, q) in window {
                        dw[f, c, p, q] += xpad[n, c, i * s + p, j * s + q] * d
                        dxpad[n, c, i * s + p, j * s + q] += w[f, c, p, q] * d
                    }
                }
            }
        }
        // The bias is added at every (n, i, j): its gradient sums over all three.
        let db = dout.sum(axes: [0, 2, 3])
        // The gradient of the padding's zeros goes nowhere: keep the image's own pixels.
        let dx = dxpad.cropped(from: (g.padding, g.padding), rows: g.height, columns: g.width)
        return (dx, dw, db)
    }

    /// The geometry of `w` over `x`, or a stop with a message naming the shapes when the
    /// filters do not fit: another rank, other channels, a bias of another size, or a
    /// window that does not end at the padded edge (`ConvolutionGeometry`'s `.exact`).
    static func geometry(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> ConvolutionGeometry {
        let operands = "x \(formatShape(x.shape)), w \(formatShape(w.shape)), stride \(stride), pad \(padding)"
        if w.rank != 4 { shapeFailure("conv forward: w must be (F, C, HH, WW), got \(operands)") }
        let g = ConvolutionGeometry(input: x.shape, windowHeight: w.shape[2], windowWidth: w.shape[3],
                                    stride: stride, padding: padding, fit: .exact,
                                    operation: "conv forward", operands: operands)
        if w.shape[1] != g.channels { shapeFailure("conv forward: w has \(w.shape[1]) channels, x has \(g.channels): \(operands)") }
        if b.shape != [w.shape[0]] { shapeFailure("conv forward: b must be (\(w.shape[0]),), got \(formatShape(b.shape)): \(operands)") }
        return g
    }
}
