import Curriculum
import TensorKit

/// Naive convolution with subscript loops over a padded copy.
public struct Convolution: ConvolutionLayer {
    public struct Cache {
        var xPadded: Tensor
        var w: Tensor
        var stride: Int
        var padding: Int
        var inputShape: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3]
        let f = w.shape[0], hh = w.shape[2], ww = w.shape[3]
        let spanH = h + 2 * padding - hh, spanW = wd + 2 * padding - ww
        if spanH % stride != 0 || spanW % stride != 0 {
            shapeFailure("conv: (H + 2P - HH) = \(spanH) and (W + 2P - WW) = \(spanW) must be multiples of stride \(stride)")
        }
        let ho = 1 + spanH / stride, wo = 1 + spanW / stride
        let xp = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
        var out = Tensor.zeros([n, f, ho, wo])
        for i in 0..<n {
            for k in 0..<f {
                for r in 0..<ho {
                    for s in 0..<wo {
                        var acc = b[k]
                        for ch in 0..<c {
                            for p in 0..<hh {
                                for q in 0..<ww {
                                    acc += xp[i, ch, r * stride + p, s * stride + q] * w[k, ch, p, q]
                                }
                            }
                        }
                        out[i, k, r, s] = acc
                    }
                }
            }
        }
        return (out, Cache(xPadded: xp, w: w, stride: stride, padding: padding, inputShape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let n = dout.shape[0], f = dout.shape[1], ho = dout.shape[2], wo = dout.shape[3]
        let w = cache.w, xp = cache.xPadded
        let c = w.shape[1], hh = w.shape[2], ww = w.shape[3]
        let stride = cache.stride, pad = cache.padding
        var dxp = Tensor.zeros(like: xp)
        var dw = Tensor.zeros(like: w)
        var db = Tensor.zeros([f])
        for i in 0..<n {
            for k in 0..<f {
                for r in 0..<ho {
                    for s in 0..<wo {
                        let g = dout[i, k, r, s]
                        db[k] += g
                        for ch in 0..<c {
                            for p in 0..<hh {
                                for q in 0..<ww {
                                    dw[k, ch, p, q] += g * xp[i, ch, r * stride + p, s * stride + q]
                                    dxp[i, ch, r * stride + p, s * stride + q] += g * w[k, ch, p, q]
                                }
                            }
                        }
                    }
                }
            }
        }
        let h = cache.inputShape[2], wd = cache.inputShape[3]
        var dx = Tensor.zeros(cache.inputShape)
        for i in 0..<n {
            for ch in 0..<c {
                for y in 0..<h {
                    for z in 0..<wd {
                        dx[i, ch, y, z] = dxp[i, ch, y + pad, z + pad]
                    }
                }
            }
        }
        return (dx, dw, db)
    }
}
