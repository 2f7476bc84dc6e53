import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in naive max pooling. The forward pass is the reference's but in one
// mistake; the backward passes route each window's gradient another way.

extension MistakeCatalog {
    /// Mistakes of the `maxpool` exercise.
    public static let maxPool: [Mistake] = [
        Mistake("maxpool-gradient-to-whole-window", title: "gradient sent to every element of the window, not to its maximum",
                hint: "Your dx is nonzero at every pixel of a window. If you nudge a pixel that is not its window's maximum, does the output change?",
                handlers: .maxPool(WholeWindowMaxPool())),
        Mistake("maxpool-gradient-averaged", title: "gradient shared evenly over the window, as average pooling's is",
                hint: "Your dx spreads each window's gradient over all its pixels in equal parts. That is the derivative of an average; the output here is a maximum: which single pixel does it depend on?",
                handlers: .maxPool(AveragingMaxPool())),
        Mistake("maxpool-gradient-to-each-tie", title: "gradient sent to each tied maximum (a mask x == max), so a tie counts it twice",
                hint: "Where a window holds its maximum twice, your dx gives the window's gradient to both. The output took one value: where does the course send its gradient on a tie?",
                handlers: .maxPool(EveryTieMaxPool())),
        Mistake("maxpool-gradient-to-last-tie", title: "on a tie, gradient sent to the last maximum of the window (>= where > belongs)",
                hint: "On tied windows your gradient lands on the last maximum, row by row. Which one does np.argmax pick, and which comparison keeps it?",
                handlers: .maxPool(LastTieMaxPool())),
        Mistake("maxpool-overlap-overwritten", title: "dx assigned, not accumulated: overlapping windows overwrite each other",
                hint: "Your dx is right where windows do not overlap. A pixel that is the maximum of two windows took part in two outputs: how much gradient should it get?",
                handlers: .maxPool(OverwritingMaxPool())),
        Mistake("maxpool-partial-windows", title: "partial windows at the edge pooled: H′ rounded up",
                hint: "Your output has an extra row or column, from windows that run past the image. With integer division, how many whole windows fit, and what happens to the rest?",
                handlers: .maxPool(PartialWindowsMaxPool())),
    ]
}

/// Where a mistaken backward pass sends a window's gradient.
enum MaxPoolRouting {
    /// To every pixel of the window.
    case wholeWindow
    /// To every pixel of the window, divided by the window's size.
    case average
    /// To every pixel equal to the window's maximum.
    case everyTie
    /// To the last maximum, reading the window row by row.
    case lastTie
    /// To the first maximum (right), but written with `=`, so a later window that
    /// shares the pixel replaces the gradient an earlier one left there.
    case overwrite
}

/// The reference's forward pass, and a backward pass that routes each window's gradient
/// by ``routing``.
protocol RoutingMaxPool: MaxPoolLayer where Cache == MaxPool.Cache {
    static var routing: MaxPoolRouting { get }
}

struct WholeWindowMaxPool: RoutingMaxPool { static let routing = MaxPoolRouting.wholeWindow }
struct AveragingMaxPool: RoutingMaxPool { static let routing = MaxPoolRouting.average }
struct EveryTieMaxPool: RoutingMaxPool { static let routing = MaxPoolRouting.everyTie }
struct LastTieMaxPool: RoutingMaxPool { static let routing = MaxPoolRouting.lastTie }
struct OverwritingMaxPool: RoutingMaxPool { static let routing = MaxPoolRouting.overwrite }

extension RoutingMaxPool {
    func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: MaxPool.Cache) {
        MaxPool().forward(x, poolHeight: poolHeight, poolWidth: poolWidth, stride: stride)
    }

    func backward(_ dout: Tensor, cache: MaxPool.Cache) -> Tensor {
        let (x, g) = (cache.x, cache.geometry)
        var dx = Tensor.zeros(x.shape)
        for n in 0..<g.batch {
            for c in 0..<g.channels {
                for (i, j) in g.outputPositions {
                    let (top, left) = (i * g.stride, j * g.stride)
                    let first = MaxPool.firstMaximum(x, n, c, window: (i, j), g)
                    let maximum = x[n, c, first.row, first.column]
                    let d = dout[n, c, i, j]
                    switch Self.routing {
                    case .wholeWindow:
                        for (p, q) in g.windowOffsets { dx[n, c, top + p, left + q] += d }
                    case .average:
                        let share = d / Double(g.windowOffsets.count)
                        for (p, q) in g.windowOffsets { dx[n, c, top + p, left + q] += share }
                    case .everyTie:
                        for (p, q) in g.windowOffsets where x[n, c, top + p, left + q] == maximum {
                            dx[n, c, top + p, left + q] += d
                        }
                    case .lastTie:
                        let last = g.windowOffsets.last { x[n, c, top + $0.p, left + $0.q] == maximum }!
                        dx[n, c, top + last.p, left + last.q] += d
                    case .overwrite:
                        dx[n, c, first.row, first.column] = d
                    }
                }
            }
        }
        return dx
    }
}

/// Pools the windows that run past the bottom or right edge too, over the part that
/// lies inside (NumPy's slicing stops at the edge): `H′ = 1 + ⌈(H − poolHeight) / stride⌉`.
/// That is the reference on the images extended by −∞ to whole windows.
struct PartialWindowsMaxPool: MaxPoolLayer {
    struct Cache {
        var maxPool: MaxPool.Cache
        var image: (height: Int, width: Int)
    }

    func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache) {
        let (h, w) = (x.shape[2], x.shape[3])
        let extra = { (size: Int, window: Int) in (stride - (size - window) % stride) % stride }
        let extended = x.padded([(0, 0), (0, 0), (0, extra(h, poolHeight)), (0, extra(w, poolWidth))], value: -.infinity)
        let (out, cache) = MaxPool().forward(extended, poolHeight: poolHeight, poolWidth: poolWidth, stride: stride)
        return (out, Cache(maxPool: cache, image: (h, w)))
    }

    func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        MaxPool().backward(dout, cache: cache.maxPool).cropped(rows: cache.image.height, columns: cache.image.width)
    }
}
