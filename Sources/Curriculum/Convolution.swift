import TensorKit

/// Exercise `conv`: a convolutional layer, written naively. Each of `F` filters slides
/// over every image of the batch, `stride` pixels at a time, across the images
/// surrounded by `padding` zeros on every side; at each place the output is the sum of
/// the filter times the pixels under it, plus the filter's bias:
///
///     out[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q xpad[n, c, i·stride + p, j·stride + q] · w[f, c, p, q]
///
/// The filter is not flipped: this is the course's convolution, a cross-correlation, the
/// same as TensorKit's fast `convolved(with:bias:stride:padding:)` (a given helper).
///
/// Implementations: `Exercises.Convolution` (the student's), `Solutions.Convolution` (reference).
public protocol ConvolutionLayer: Sendable {
    /// Whatever the forward pass keeps for the backward pass.
    associatedtype Cache
    init()

    /// Stops with a message naming the sizes when `(H + 2·padding − HH)` or
    /// `(W + 2·padding − WW)` is not a multiple of `stride`: the filter would not end at
    /// the padded image's edge.
    /// - Parameters:
    ///   - x: images of shape `(N, C, H, W)`.
    ///   - w: filters of shape `(F, C, HH, WW)`.
    ///   - b: biases of shape `(F,)`.
    ///   - stride: the step between neighbouring windows, across and down; at least 1.
    ///   - padding: the zeros added on each of the four sides of each image; at least 0.
    /// - Returns: `out` of shape `(N, F, H′, W′)`, with `H′ = 1 + (H + 2·padding − HH) / stride`
    ///   and `W′ = 1 + (W + 2·padding − WW) / stride`, and the cache.
    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache)

    /// - Parameters:
    ///   - dout: the upstream gradient, shape `(N, F, H′, W′)`.
    ///   - cache: what ``forward(_:_:_:stride:padding:)`` returned.
    /// - Returns: `dx` `(N, C, H, W)`, `dw` `(F, C, HH, WW)`, `db` `(F,)`.
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor)
}
