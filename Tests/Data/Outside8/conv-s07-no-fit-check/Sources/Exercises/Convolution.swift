import Curriculum
import TensorKit

/// Naive convolution with subscript loops over a padded copy of the input.
public struct Convolution: ConvolutionLayer {
    public struct Cache {
        var x: Tensor
        var w: Tensor
        var stride: Int
        var padding: Int
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3]
        let f = w.shape[0], hh = w.shape[2], ww = w.shape[3]
        let hOut = 1 + (h + 2 * padding - hh) / stride
        let wOut = 1 + (wd + 2 * padding - ww) / stride
        let xp = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
        var out = Tensor.zeros([n, f, hOut, wOut])
        for i in 0..<n {
            for k in 0..<f {
                for r in 0..<hOut {
                    for s in 0..<wOut {
                        var total = b[k]
                        for ch in 0..<c {
                            for p in 0..<hh {
                                for q in 0..<ww {
                                    total += xp[i, ch, r * stride + p, s * stride + q] * w[k, ch, p, q]
                                }
                            }
                        }
                        out[i, k, r, s] = total
                    }
                }
            }
        }
        return (out, Cache(x: x, w: w, stride: stride, padding: padding))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let x = cache.x, w = cache.w, stride = cache.stride, padding = cache.padding
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3]
        let f = w.shape[0], hh = w.shape[2], ww = w.shape[3]
        let hOut = dout.shape[2], wOut = dout.shape[3]
        let xp = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
        var dxp = Tensor.zeros(xp.shape)
        var dw = Tensor.zeros(w.shape)
        var db = Tensor.zeros([f])
        for i in 0..<n {
            for k in 0..<f {
                for r in 0..<hOut {
                    for s in 0..<wOut {
                        let g = dout[i, k, r, s]
                        db[k] += g
                        for ch in 0..<c {
                            for p in 0..<hh {
                                for q in 0..<ww {
                                    dw[k, ch, p, q] += xp[i, ch, r * stride + p, s * stride + q] * g
                                    dxp[i, ch, r * stride + p, s * stride + q] += w[k, ch, p, q] * g
                                }
                            }
                        }
                    }
                }
            }
        }
        var dx = Tensor.zeros(x.shape)
        for i in 0..<n {
            for ch in 0..<c {
                for y in 0..<h {
                    for z in 0..<wd {
                        dx[i, ch, y, z] = dxp[i, ch, y + padding, z + padding]
                    }
                }
            }
        }
        return (dx, dw, db)
    }
}
