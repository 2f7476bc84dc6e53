import Curriculum
import TensorKit

/// Exercise `conv`: a convolutional layer, written the naive way, with loops.
///
/// A small filter of weights slides over each image and, at every place it stops,
/// measures how much the pixels under it look like the filter. The same few weights are
/// used at every place, which is what lets a convolutional network learn an edge
/// detector once and apply it everywhere.
/// Handout: `assignments/11-conv/README.md`. Check: `swift run grader check conv`.
public struct Convolution: ConvolutionLayer {
    /// What ``forward(_:_:_:stride:padding:)`` hands to ``backward(_:cache:)``. Yours to
    /// design: add the stored properties the backward pass needs.
    public struct Cache {
        // keep what backward needs
    }

    public init() {}

    /// Slides each of the `F` filters over each image, `stride` pixels at a time, over the
    /// image surrounded by `padding` zeros on all four sides.
    ///
    /// - Parameters:
    ///   - x: images of shape `(N, C, H, W)`.
    ///   - w: filters of shape `(F, C, HH, WW)`: each filter spans all `C` channels.
    ///   - b: one bias per filter, shape `(F,)`.
    ///   - stride: the step between neighbouring windows, across and down.
    ///   - padding: the zeros added on each side of each image.
    /// - Returns: `out` of shape `(N, F, H′, W′)`, and a cache with what the backward pass needs.
    ///
    /// Work out `H′` and `W′` first (the handout derives them). When `(H + 2·padding − HH)`
    /// or `(W + 2·padding − WW)` is not a multiple of `stride`, the windows would not end at
    /// the padded edge: stop with a message naming the sizes (`shapeFailure(_:)`), or let
    /// TensorKit's `ConvolutionGeometry(input:windowHeight:windowWidth:stride:padding:)` check
    /// both sizes for you and give `H′` and `W′`.
    ///
    /// Hints: `x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])` adds the
    /// zeros; `t[n, c, i, j]` reads and writes one element. Output `(i, j)` uses the window
    /// whose top-left corner is padded pixel `(i·stride, j·stride)`. Slide the filter as it
    /// is: do not flip it.
    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        TODO("conv")
    }

    /// The gradients with respect to `x`, `w` and `b`.
    ///
    /// - Parameters:
    ///   - dout: the upstream gradient `dL/dout`, shape `(N, F, H′, W′)`.
    ///   - cache: what ``forward(_:_:_:stride:padding:)`` returned.
    /// - Returns: `dx` `(N, C, H, W)`, `dw` `(F, C, HH, WW)`, `db` `(F,)`.
    ///
    /// Hints: run the forward pass's loops again. Each output was a sum of products of one
    /// padded pixel and one weight; the chain rule sends `dout` of that output to both
    /// factors of each product, times the other factor. Which outputs did one weight take
    /// part in, and one pixel? Accumulate with `+=`. Work with a padded `dx` and keep only
    /// the image's own pixels at the end.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        TODO("conv")
    }
}
