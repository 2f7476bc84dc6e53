import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in the naive convolution. Each is the reference run on inputs transformed the
// way the mistake transforms them (a flipped filter, the zeros all on one side, the
// windows that fit after rounding down), or the reference's gradients with one of them
// reduced or cut out the wrong way; only dx assigned where it belongs accumulated
// repeats the reference's loops, with `=` for `+=`.

extension MistakeCatalog {
    /// Mistakes of the `conv` exercise.
    public static let convolution: [Mistake] = [
        Mistake("conv-flipped-kernel", title: "filter flipped: a true convolution instead of the course's cross-correlation",
                hint: "Your output is what the filters give when turned by 180°. In the course's layer, which weight meets the window's top-left pixel: w[f, c, 0, 0] or the last one?",
                handlers: .convolution(FlippedKernelConvolution())),
        Mistake("conv-flipped-kernel-forward-only", title: "filter flipped in the forward pass only; the backward pass slides it as it is",
                hint: "Your forward pass turns the filters by 180°, your backward pass does not, and the course's layer does neither. Which weight meets the window's top-left pixel in each of your two passes?",
                handlers: .convolution(ForwardFlippedConvolution())),
        Mistake("conv-padding-one-side", title: "padding on one side only: all 2·pad zeros below and to the right",
                hint: "Your padded image has the right size, but the image sits in its top-left corner. Where do the pad zeros go: before the image, after it, or both?",
                handlers: .convolution(OneSidedPaddingConvolution())),
        Mistake("conv-output-size-off-by-one", title: "output size off by one: H′ = (H + 2·pad − HH) / stride, without the 1 +",
                hint: "Your output lacks its last row and column of windows. Count the windows on a small case by hand: with H + 2·pad = HH, how many fit?",
                handlers: .convolution(OutputSizeOffByOneConvolution())),
        Mistake("conv-no-stop-on-misfit", title: "no stop when the stride does not fit: H′ rounded down",
                hint: "Your layer gave an output for filters whose last window would overhang the padded image. The handout asks for a stop there: which sizes must the stride divide?",
                handlers: .convolution(RoundingDownConvolution())),
        Mistake("conv-dw-summed-over-channels", title: "dw summed over the input channels too: every channel of a filter gets the same gradient",
                hint: "Your dw[f] is the same for every channel c. Each channel of a filter met its own channel of the input: which axes does dw sum over, and is c one of them?",
                handlers: .convolution(ChannelSummedFilterGradientConvolution())),
        Mistake("conv-dw-last-image-only", title: "dw from the last image only: assigned in the loop over images, not accumulated",
                hint: "Your dw hears only from the last image of the batch. Every image used the same filters: how many images' contributions must dw collect?",
                handlers: .convolution(LastImageFilterGradientConvolution())),
        Mistake("conv-db-not-summed-over-space", title: "db not summed over space: summed over the batch only, shape (F, H′, W′)",
                hint: "Your db has a value per output position. The bias b[f] was added at every (i, j) of every image: what shape is its gradient, and what does it sum over?",
                handlers: .convolution(SpatialBiasGradientConvolution())),
        Mistake("conv-stride-ignored-in-windows", title: "stride left out of the window positions: output (i, j) reads from (i, j), not (i·stride, j·stride)",
                hint: "Your output has the right size, and with stride 1 your layer is right, but with stride 2 it is not: your windows crowd into the top-left corner of the padded image. At which padded pixel does the window of output (i, j) start?",
                handlers: .convolution(StrideIgnoredInWindowsConvolution())),
        Mistake("conv-dx-assigned-not-accumulated", title: "dx assigned in the loops, not accumulated: each pixel keeps only its last window's share",
                hint: "Your dw and db are right, but each pixel of your dx holds only one of its terms: the one from the last filter and last window that covers it. A pixel under several windows, seen by several filters: how many terms should its gradient add up?",
                handlers: .convolution(AssignedInputGradientConvolution())),
        Mistake("conv-dx-padding-not-cropped", title: "dx cut from the padded gradient's top-left corner: rows 0..<H, not pad..<pad + H",
                hint: "Your dw and db are right, and with no padding so is your dx; with padding, your dx is the right one moved pad pixels down and to the right, with the padding's share in its first rows and columns. Where in the padded image does pixel (0, 0) of the input sit?",
                handlers: .convolution(UncroppedPaddingInputGradientConvolution())),
    ]
}

/// A convolution whose backward pass is the reference's but for one gradient.
protocol ConvolutionBackwardMistake: ConvolutionLayer where Cache == Convolution.Cache {}

extension ConvolutionBackwardMistake {
    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        Convolution().forward(x, w, b, stride: stride, padding: padding)
    }
}

/// Slides `w` turned by 180° — `w[f, c, HH − 1 − p, WW − 1 − q]` — over the images: the
/// convolution of signal processing. Its gradient with respect to `w` is the reference's
/// turned back.
struct FlippedKernelConvolution: ConvolutionLayer {
    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Convolution.Cache) {
        Convolution().forward(x, rotated(w), b, stride: stride, padding: padding)
    }

    func backward(_ dout: Tensor, cache: Convolution.Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dx, dw, db) = Convolution().backward(dout, cache: cache)
        return (dx, rotated(dw), db)
    }

    /// The filters turned by 180° in their last two axes.
    func rotated(_ w: Tensor) -> Tensor {
        var out = w
        let (hh, ww) = (w.shape[2], w.shape[3])
        for f in 0..<w.shape[0] {
            for c in 0..<w.shape[1] {
                for p in 0..<hh {
                    for q in 0..<ww { out[f, c, p, q] = w[f, c, hh - 1 - p, ww - 1 - q] }
                }
            }
        }
        return out
    }
}

/// Flips the filters in the forward pass (as ``FlippedKernelConvolution``) but computes
/// the gradients of the unflipped layer: the backward loops written with `w[f, c, p, q]`.
struct ForwardFlippedConvolution: ConvolutionLayer {
    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Convolution.Cache) {
        let flipped = FlippedKernelConvolution().forward(x, w, b, stride: stride, padding: padding).out
        return (flipped, Convolution().forward(x, w, b, stride: stride, padding: padding).cache)
    }

    func backward(_ dout: Tensor, cache: Convolution.Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        Convolution().backward(dout, cache: cache)
    }
}

/// Pads with `2·padding` zeros below and to the right and none above or to the left:
/// the padded image has the right size, with the image in its top-left corner.
struct OneSidedPaddingConvolution: ConvolutionLayer {
    struct Cache {
        var convolution: Convolution.Cache
        var image: (height: Int, width: Int)
    }

    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let xpad = x.padded([(0, 0), (0, 0), (0, 2 * padding), (0, 2 * padding)])
        let (out, cache) = Convolution().forward(xpad, w, b, stride: stride, padding: 0)
        return (out, Cache(convolution: cache, image: (x.shape[2], x.shape[3])))
    }

    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dxpad, dw, db) = Convolution().backward(dout, cache: cache.convolution)
        return (dxpad.cropped(rows: cache.image.height, columns: cache.image.width), dw, db)
    }
}

/// Counts `(H + 2·pad − HH) / stride` windows down and likewise across: the last row
/// and column of windows are never computed, and their `dout` never read.
struct OutputSizeOffByOneConvolution: ConvolutionLayer {
    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Convolution.Cache) {
        let (out, cache) = Convolution().forward(x, w, b, stride: stride, padding: padding)
        return (out.cropped(rows: out.shape[2] - 1, columns: out.shape[3] - 1), cache)
    }

    func backward(_ dout: Tensor, cache: Convolution.Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let g = cache.geometry
        let read = dout.cropped(rows: g.outputHeight - 1, columns: g.outputWidth - 1)
            .padded([(0, 0), (0, 0), (0, 1), (0, 1)])
        return Convolution().backward(read, cache: cache)
    }
}

/// `H′ = 1 + (H + 2·pad − HH) / stride` with integer division and no check: the pixels
/// after the last whole window are ignored. Right whenever the stride fits.
struct RoundingDownConvolution: ConvolutionLayer {
    struct Cache {
        var convolution: Convolution.Cache
        var padding: Int
        var image: (height: Int, width: Int)
    }

    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        // The padded image cut after the last whole window, convolved without padding.
        let xpad = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
        let rows = (xpad.shape[2] - w.shape[2]) / stride * stride + w.shape[2]
        let columns = (xpad.shape[3] - w.shape[3]) / stride * stride + w.shape[3]
        let (out, cache) = Convolution().forward(xpad.cropped(rows: rows, columns: columns), w, b, stride: stride, padding: 0)
        return (out, Cache(convolution: cache, padding: padding, image: (x.shape[2], x.shape[3])))
    }

    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dxcut, dw, db) = Convolution().backward(dout, cache: cache.convolution)
        let p = cache.padding
        // Back to the whole padded image (the cut-off pixels get nothing), then inside the zeros.
        let dxpad = dxcut.padded([(0, 0), (0, 0), (0, cache.image.height + 2 * p - dxcut.shape[2]),
                                  (0, cache.image.width + 2 * p - dxcut.shape[3])])
        return (dxpad.cropped(from: (p, p), rows: cache.image.height, columns: cache.image.width), dw, db)
    }
}

/// `dw[f, c]` the sum over the channels of the right `dw[f]`, the same for every `c`.
struct ChannelSummedFilterGradientConvolution: ConvolutionBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dx, dw, db) = Convolution().backward(dout, cache: cache)
        return (dx, dw.sum(axis: 1, keepDims: true) + Tensor.zeros(dw.shape), db)
    }
}

/// `dw` as the last image of the batch alone makes it: `dw[f] = …` where `+=` belongs,
/// inside the loop over images. That is the reference's `dw` for a `dout` that is zero
/// but for the last image.
struct LastImageFilterGradientConvolution: ConvolutionBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dx, _, db) = Convolution().backward(dout, cache: cache)
        let n = dout.shape[0]
        let lastImage = Tensor.concatenate([Tensor.zeros([n - 1] + dout.shape.dropFirst()), dout[rows: (n - 1)..<n]])
        return (dx, Convolution().backward(lastImage, cache: cache).dw, db)
    }
}

/// `db = dout` summed over the batch only, as for an affine layer: `(F, H′, W′)`.
struct SpatialBiasGradientConvolution: ConvolutionBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dx, dw, _) = Convolution().backward(dout, cache: cache)
        return (dx, dw, dout.sum(axis: 0))
    }
}

/// Counts `H′` and `W′` with the stride but starts the window of output `(i, j)` at padded
/// pixel `(i, j)` instead of `(i·stride, j·stride)`, in the forward pass and in both
/// gradients. That is the top-left `H′ × W′` corner of the reference at stride 1; right
/// whenever the stride is 1.
struct StrideIgnoredInWindowsConvolution: ConvolutionLayer {
    struct Cache {
        /// The reference's cache at stride 1.
        var convolution: Convolution.Cache
        /// `H′`, `W′` as the true stride counts them.
        var output: (height: Int, width: Int)
    }

    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        // The sizes, and the stop when the stride does not fit, are the reference's.
        let g = Convolution().forward(x, w, b, stride: stride, padding: padding).cache.geometry
        let (dense, cache) = Convolution().forward(x, w, b, stride: 1, padding: padding)
        return (dense.cropped(rows: g.outputHeight, columns: g.outputWidth),
                Cache(convolution: cache, output: (g.outputHeight, g.outputWidth)))
    }

    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        // The stride-1 positions past H′ × W′ were never computed: their dout is zero.
        let g = cache.convolution.geometry
        let read = dout.padded([(0, 0), (0, 0), (0, g.outputHeight - cache.output.height),
                                (0, g.outputWidth - cache.output.width)])
        return Convolution().backward(read, cache: cache.convolution)
    }
}

/// `dxpad[n, c, i·stride + p, j·stride + q] = w[f, c, p, q] · dout[n, f, i, j]` where `+=`
/// belongs. In the reference's loop order — image n, filter f, output row i, column j,
/// then channel c and taps p, q — each padded pixel keeps the term of the last filter and,
/// for that filter, of the last window (row by row) that covers it; a pixel no window
/// covers gets 0. `dw` and `db` are the reference's.
struct AssignedInputGradientConvolution: ConvolutionBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (_, dw, db) = Convolution().backward(dout, cache: cache)
        let (xpad, w, g) = (cache.paddedX, cache.w, cache.geometry)
        let s = g.stride
        var dxpad = Tensor.zeros(xpad.shape)
        let window = g.windowElements
        for n in 0..<g.batch {
            for f in 0..<w.shape[0] {
                for (i, j) in g.outputPositions {
                    let d = dout[n, f, i, j]
                    for (c, p, q) in window {
                        dxpad[n, c, i * s + p, j * s + q] = w[f, c, p, q] * d
                    }
                }
            }
        }
        let dx = dxpad.cropped(from: (g.padding, g.padding), rows: g.height, columns: g.width)
        return (dx, dw, db)
    }
}

/// Cuts `dx` out of the padded image's gradient at its top-left corner, rows `0..<H` and
/// columns `0..<W`, instead of skipping the `pad` rows and columns of zeros. `dw` and `db`
/// are the reference's; right whenever the padding is 0.
struct UncroppedPaddingInputGradientConvolution: ConvolutionLayer {
    struct Cache {
        /// The reference's cache for the padded images convolved without padding: its
        /// `dx` is the whole padded image's gradient.
        var convolution: Convolution.Cache
        var image: (height: Int, width: Int)
    }

    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let (out, _) = Convolution().forward(x, w, b, stride: stride, padding: padding)
        let xpad = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
        let cache = Convolution().forward(xpad, w, b, stride: stride, padding: 0).cache
        return (out, Cache(convolution: cache, image: (x.shape[2], x.shape[3])))
    }

    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dxpad, dw, db) = Convolution().backward(dout, cache: cache.convolution)
        return (dxpad.cropped(rows: cache.image.height, columns: cache.image.width), dw, db)
    }
}
