import Curriculum
import TensorKit

/// Convolution as a matrix product: every window of the padded images becomes one row
/// of a (N·H′·W′, C·HH·WW) matrix; backward scatters the window gradients back (col2im).
public struct Convolution: ConvolutionLayer {
    public struct Cache {
        var columns: Tensor
        var w: Tensor
        var paddedShape: [Int]
        var inputShape: [Int]
        var stride: Int
        var padding: Int
        var outH: Int
        var outW: Int
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (f, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        guard (h + 2 * padding - kh) % stride == 0, (wd + 2 * padding - kw) % stride == 0 else {
            shapeFailure("conv: input \(x.shape) with filters \(w.shape), stride \(stride), pad \(padding): the windows do not fit")
        }
        let outH = (h + 2 * padding - kh) / stride + 1
        let outW = (wd + 2 * padding - kw) / stride + 1
        let xpad = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
        let (ph, pw) = (xpad.shape[2], xpad.shape[3])
        let xp = xpad.scalars
        let window = c * kh * kw
        var columns = [Double](repeating: 0, count: n * outH * outW * window)
        var row = 0
        for img in 0..<n {
            for oy in 0..<outH {
                for ox in 0..<outW {
                    var col = 0
                    for ch in 0..<c {
                        for p in 0..<kh {
                            for q in 0..<kw {
                                columns[row * window + col] = xp[((img * c + ch) * ph + oy * stride + p) * pw + ox * stride + q]
                                col += 1
                            }
                        }
                    }
                    row += 1
                }
            }
        }
        let cols = Tensor(shape: [n * outH * outW, window], scalars: columns)
        let product = cols.matmul(w.reshaped([f, window]), transposingOther: true) + b   // (N·H′·W′, F)
        let out = product.reshaped([n, outH, outW, f]).permuted([0, 3, 1, 2])
        return (out, Cache(columns: cols, w: w, paddedShape: xpad.shape, inputShape: x.shape,
                           stride: stride, padding: padding, outH: outH, outW: outW))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let w = cache.w
        let (f, c, kh, kw) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
        let window = c * kh * kw
        let rows = dout.permuted([0, 2, 3, 1]).reshaped([-1, f])            // (N·H′·W′, F)
        let db = rows.mean(axis: 0)
        let dw = rows.matmul(cache.columns, transposingSelf: true).reshaped(w.shape)
        let dcols = rows.matmul(w.reshaped([f, window])).scalars            // (N·H′·W′, C·HH·WW)
        let (n, ph, pw) = (cache.paddedShape[0], cache.paddedShape[2], cache.paddedShape[3])
        var dxpad = [Double](repeating: 0, count: cache.paddedShape.reduce(1, *))
        var row = 0
        for img in 0..<n {
            for oy in 0..<cache.outH {
                for ox in 0..<cache.outW {
                    var col = 0
                    for ch in 0..<c {
                        for p in 0..<kh {
                            for q in 0..<kw {
                                dxpad[((img * c + ch) * ph + oy * cache.stride + p) * pw + ox * cache.stride + q]
                                    += dcols[row * window + col]
                                col += 1
                            }
                        }
                    }
                    row += 1
                }
            }
        }
        let (h, wd, pad) = (cache.inputShape[2], cache.inputShape[3], cache.padding)
        var dx = [Double](repeating: 0, count: cache.inputShape.reduce(1, *))
        for img in 0..<n {
            for ch in 0..<c {
                for y in 0..<h {
                    for xx in 0..<wd {
                        dx[((img * c + ch) * h + y) * wd + xx] = dxpad[((img * c + ch) * ph + y + pad) * pw + xx + pad]
                    }
                }
            }
        }
        return (Tensor(shape: cache.inputShape, scalars: dx), dw, db)
    }
}
