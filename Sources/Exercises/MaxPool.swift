import Curriculum
import TensorKit

/// Exercise `maxpool`: max pooling, written the naive way, with loops.
///
/// Each channel of each image is cut into small windows and only the largest value of
/// each window is kept: the feature map shrinks, and a feature that moves by a pixel
/// within a window still gives the same output.
/// Handout: `assignments/12-maxpool/README.md`. Check: `swift run grader check maxpool`.
public struct MaxPool: MaxPoolLayer {
    /// What ``forward(_:poolHeight:poolWidth:stride:)`` hands to ``backward(_:cache:)``.
    /// Yours to design: add the stored properties the backward pass needs.
    public struct Cache {
        // keep what backward needs
    }

    public init() {}

    /// The largest value of each `poolHeight × poolWidth` window of each channel, windows
    /// `stride` pixels apart, across and down; no padding.
    ///
    /// - Parameters:
    ///   - x: images of shape `(N, C, H, W)`.
    ///   - poolHeight: the rows of a window.
    ///   - poolWidth: the columns of a window.
    ///   - stride: the step between neighbouring windows.
    /// - Returns: `out` of shape `(N, C, H′, W′)`, and a cache with what the backward pass needs.
    ///
    /// `H′ = 1 + (H − poolHeight) / stride` with integer division, and `W′` likewise: rows
    /// and columns after the last whole window belong to no window and are left out.
    /// Window `(i, j)` has its top-left corner at pixel `(i·stride, j·stride)`.
    public func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache) {
        TODO("maxpool")
    }

    /// The gradient with respect to `x`.
    ///
    /// - Parameters:
    ///   - dout: the upstream gradient `dL/dout`, shape `(N, C, H′, W′)`.
    ///   - cache: what ``forward(_:poolHeight:poolWidth:stride:)`` returned.
    /// - Returns: `dx` in `x`'s shape `(N, C, H, W)`.
    ///
    /// Hints: nudging a pixel that is not its window's maximum does not change the output.
    /// When a window holds its maximum more than once, the course sends the window's
    /// gradient to the first one, reading the window row by row (what `np.argmax` picks):
    /// only one pixel per window gets it. Windows may overlap when `stride` is smaller than
    /// the window: accumulate.
    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        TODO("maxpool")
    }
}
