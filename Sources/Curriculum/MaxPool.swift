import TensorKit

/// Exercise `maxpool`: max pooling, written naively. Each channel of each image is cut
/// into `poolHeight × poolWidth` windows, `stride` pixels apart across and down, with no
/// padding; the output keeps the largest value of each window. Rows or columns after
/// the last whole window are left out, as the course's naive layer does:
/// `H′ = 1 + (H − poolHeight) / stride`, rounded down.
///
/// Ties: the gradient of a window goes to its first maximum in row-major order (the
/// element `np.argmax` picks in the course's `max_pool_backward_naive`), not to every
/// tied element. TensorKit's fast `maxPooled(height:width:stride:)` (a given helper)
/// does the same.
///
/// Implementations: `Exercises.MaxPool` (the student's), `Solutions.MaxPool` (reference).
public protocol MaxPoolLayer: Sendable {
    /// Whatever the forward pass keeps for the backward pass.
    associatedtype Cache
    init()

    /// - Parameters:
    ///   - x: images of shape `(N, C, H, W)`.
    ///   - poolHeight: the rows of a window, from 1 to `H`.
    ///   - poolWidth: the columns of a window, from 1 to `W`.
    ///   - stride: the step between neighbouring windows, across and down; at least 1.
    /// - Returns: `out` of shape `(N, C, H′, W′)`, with `H′ = 1 + (H − poolHeight) / stride`
    ///   and `W′ = 1 + (W − poolWidth) / stride` (integer division), and the cache.
    func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache)

    /// - Parameters:
    ///   - dout: the upstream gradient, shape `(N, C, H′, W′)`.
    ///   - cache: what ``forward(_:poolHeight:poolWidth:stride:)`` returned.
    /// - Returns: `dx` in `x`'s shape `(N, C, H, W)`.
    func backward(_ dout: Tensor, cache: Cache) -> Tensor
}
