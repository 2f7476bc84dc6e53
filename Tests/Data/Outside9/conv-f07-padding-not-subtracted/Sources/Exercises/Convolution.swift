import Curriculum
import TensorKit

/// Convolution over raw arrays with bounds checks instead of padding; sizes from ConvolutionGeometry.
public struct Convolution: ConvolutionLayer {
    public struct Cache {
        var x: Tensor
        var w: Tensor
        var stride: Int
        var padding: Int
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let geometry = ConvolutionGeometry(input: x.shape, windowHeight: w.shape[2], windowWidth: w.shape[3],
                                           stride: stride, padding: padding)
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3]
        let f = w.shape[0], hh = w.shape[2], ww = w.shape[3]
        let ho = geometry.outputHeight, wo = geometry.outputWidth
        let xs = x.scalars, ws = w.scalars
        var out = [Double](repeating: 0, count: n * f * ho * wo)
        for i in 0..<n {
            for k in 0..<f {
                for r in 0..<ho {
                    for s in 0..<wo {
                        var acc = b.scalars[k]
                        for ch in 0..<c {
                            for p in 0..<hh {
                                let y = r * stride + p
                                if y < 0 || y >= h { continue }
                                for q in 0..<ww {
                                    let z = s * stride + q
                                    if z < 0 || z >= wd { continue }
                                    acc += xs[((i * c + ch) * h + y) * wd + z] * ws[((k * c + ch) * hh + p) * ww + q]
                                }
                            }
                        }
                        out[((i * f + k) * ho + r) * wo + s] = acc
                    }
                }
            }
        }
        return (Tensor(shape: [n, f, ho, wo], scalars: out), Cache(x: x, w: w, stride: stride, padding: padding))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let x = cache.x, w = cache.w, stride = cache.stride, padding = cache.padding
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3]
        let f = w.shape[0], hh = w.shape[2], ww = w.shape[3]
        let ho = dout.shape[2], wo = dout.shape[3]
        let xs = x.scalars, ws = w.scalars, g = dout.scalars
        var dx = [Double](repeating: 0, count: xs.count)
        var dw = [Double](repeating: 0, count: ws.count)
        var db = [Double](repeating: 0, count: f)
        for i in 0..<n {
            for k in 0..<f {
                for r in 0..<ho {
                    for s in 0..<wo {
                        let gv = g[((i * f + k) * ho + r) * wo + s]
                        db[k] += gv
                        for ch in 0..<c {
                            for p in 0..<hh {
                                let y = r * stride + p
                                if y < 0 || y >= h { continue }
                                for q in 0..<ww {
                                    let z = s * stride + q
                                    if z < 0 || z >= wd { continue }
                                    let xi = ((i * c + ch) * h + y) * wd + z
                                    let wi = ((k * c + ch) * hh + p) * ww + q
                                    dw[wi] += gv * xs[xi]
                                    dx[xi] += gv * ws[wi]
                                }
                            }
                        }
                    }
                }
            }
        }
        return (Tensor(shape: x.shape, scalars: dx), Tensor(shape: w.shape, scalars: dw), Tensor(shape: [f], scalars: db))
    }
}
