import Curriculum
import TensorKit

/// Naive convolution: pad with `padded`, six nested loops with the subscript.
public struct Convolution: ConvolutionLayer {
    public struct Cache {
        var xpad: Tensor
        var w: Tensor
        var stride: Int
        var padding: Int
        var inputShape: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let (n, c, h, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (f, hh, ww) = (w.shape[0], w.shape[2], w.shape[3])
        let spanH = h + 2 * padding - hh
        let spanW = width + 2 * padding - ww
        if spanH % stride != 0 {
            shapeFailure("conv: H + 2·pad − HH = \(spanH) and W + 2·pad − WW = \(spanW) must be multiples of stride \(stride)")
        }
        let outH = 1 + spanH / stride
        let outW = 1 + spanW / stride
        let xpad = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
        var out = Tensor.zeros([n, f, outH, outW])
        for i in 0..<n {
            for k in 0..<f {
                for r in 0..<outH {
                    for s in 0..<outW {
                        var total = b[k]
                        for ch in 0..<c {
                            for p in 0..<hh {
                                for q in 0..<ww {
                                    total += xpad[i, ch, r * stride + p, s * stride + q] * w[k, ch, p, q]
                                }
                            }
                        }
                        out[i, k, r, s] = total
                    }
                }
            }
        }
        return (out, Cache(xpad: xpad, w: w, stride: stride, padding: padding, inputShape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (xpad, w, stride, padding) = (cache.xpad, cache.w, cache.stride, cache.padding)
        let (n, f, outH, outW) = (dout.shape[0], dout.shape[1], dout.shape[2], dout.shape[3])
        let (c, hh, ww) = (w.shape[1], w.shape[2], w.shape[3])
        var dxpad = Tensor.zeros(xpad.shape)
        var dw = Tensor.zeros(w.shape)
        var db = Tensor.zeros([f])
        for i in 0..<n {
            for k in 0..<f {
                for r in 0..<outH {
                    for s in 0..<outW {
                        let g = dout[i, k, r, s]
                        db[k] += g
                        for ch in 0..<c {
                            for p in 0..<hh {
                                for q in 0..<ww {
                                    dw[k, ch, p, q] += g * xpad[i, ch, r * stride + p, s * stride + q]
                                    dxpad[i, ch, r * stride + p, s * stride + q] += g * w[k, ch, p, q]
                                }
                            }
                        }
                    }
                }
            }
        }
        let (h, width) = (cache.inputShape[2], cache.inputShape[3])
        var dx = Tensor.zeros(cache.inputShape)
        for i in 0..<n {
            for ch in 0..<c {
                for r in 0..<h {
                    for s in 0..<width {
                        dx[i, ch, r, s] = dxpad[i, ch, r + padding, s + padding]
                    }
                }
            }
        }
        return (dx, dw, db)
    }
}
