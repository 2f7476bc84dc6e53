import Curriculum
import TensorKit

/// The reference `maxpool`: the course's naive max pooling, one window at a time, as in
/// `max_pool_forward_naive` and `max_pool_backward_naive`. TensorKit's
/// `maxPooled(height:width:stride:)` computes the same, faster.
public struct MaxPool: MaxPoolLayer {
    /// What the backward pass needs.
    public struct Cache: Sendable {
        /// The images `(N, C, H, W)`.
        public var x: Tensor
        /// Where the windows land: the window's size, the stride and `H′`, `W′`.
        public var geometry: ConvolutionGeometry
    }

    public init() {}

    /// - Returns: `out` `(N, C, H′, W′)`, rows and columns after the last whole window
    ///   left out; stops when the window is larger than the image.
    public func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache) {
        let g = ConvolutionGeometry(
            input: x.shape, windowHeight: poolHeight, windowWidth: poolWidth, stride: stride, fit: .roundingDown,
            operation: "max pool forward", operands: "x \(formatShape(x.shape)), pool \(poolHeight)×\(poolWidth), stride \(stride)")
        var out = Tensor.zeros([g.batch, g.channels, g.outputHeight, g.outputWidth])
        for n in 0..<g.batch {
            for c in 0..<g.channels {
                for (i, j) in g.outputPositions {
                    let (r, s) = MaxPool.firstMaximum(x, n, c, window: (i, j), g)
                    out[n, c, i, j] = x[n, c, r, s]
                }
            }
        }
        return (out, Cache(x: x, geometry: g))
    }

    /// - Returns: `dx` `(N, C, H, W)`: each window's gradient at its first maximum.
    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        let (x, g) = (cache.x, cache.geometry)
        var dx = Tensor.zeros(x.shape)
        for n in 0..<g.batch {
            for c in 0..<g.channels {
                for (i, j) in g.outputPositions {
                    // Only the maximum reached the output; where windows overlap, an
                    // element that is the maximum of several collects all their gradients.
                    let (r, s) = MaxPool.firstMaximum(x, n, c, window: (i, j), g)
                    dx[n, c, r, s] += dout[n, c, i, j]
                }
            }
        }
        return dx
    }

    /// The pixel `(row, column)` of the first largest value of window `(i, j)` of
    /// channel `c` of image `n`, scanning the window row by row: on a tie, the earliest
    /// (what `np.argmax` of the flattened window picks).
    public static func firstMaximum(_ x: Tensor, _ n: Int, _ c: Int, window: (i: Int, j: Int),
                                    _ g: ConvolutionGeometry) -> (row: Int, column: Int) {
        let top = window.i * g.stride, left = window.j * g.stride
        var best = (row: top, column: left)
        for (p, q) in g.windowOffsets where x[n, c, top + p, left + q] > x[n, c, best.row, best.column] {
            best = (top + p, left + q)
        }
        return best
    }
}
