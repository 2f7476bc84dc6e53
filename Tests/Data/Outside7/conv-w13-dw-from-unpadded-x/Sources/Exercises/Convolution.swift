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

    private func outputSize(_ size: Int, _ window: Int, _ stride: Int, _ padding: Int) -> Int {
        let span = size + 2 * padding - window
        if span < 0 || span % stride != 0 {
            shapeFailure("conv: size \(size) with padding \(padding), window \(window) and stride \(stride) does not fit")
        }
        return 1 + span / stride
    }

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (f, hh, ww) = (w.shape[0], w.shape[2], w.shape[3])
        let outH = outputSize(h, hh, stride, padding)
        let outW = outputSize(wd, ww, stride, padding)
        let xp = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
        var out = Tensor.zeros([n, f, outH, outW])
        for i in 0..<n {
            for k in 0..<f {
                for r in 0..<outH {
                    for s in 0..<outW {
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
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (f, hh, ww) = (w.shape[0], w.shape[2], w.shape[3])
        let (outH, outW) = (dout.shape[2], dout.shape[3])
        let xp = x.padded([(0, 0), (0, 0), (padding, padding), (padding, padding)])
        var dxp = Tensor.zeros(xp.shape)
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
                                    let (y, z) = (r * stride + p, s * stride + q)
                                    dw[k, ch, p, q] += g * x[i, ch, y, z]
                                    dxp[i, ch, y, z] += g * w[k, ch, p, q]
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
