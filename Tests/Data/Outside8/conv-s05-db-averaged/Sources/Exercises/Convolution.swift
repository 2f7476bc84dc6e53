import Curriculum
import TensorKit

/// Naive convolution over raw arrays, sizes from ConvolutionGeometry, padding by bounds checks.
public struct Convolution: ConvolutionLayer {
    public struct Cache {
        let x: Tensor
        let w: Tensor
        let geometry: ConvolutionGeometry
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let geo = ConvolutionGeometry(input: x.shape, windowHeight: w.shape[2], windowWidth: w.shape[3],
                                      stride: stride, padding: padding)
        let n = geo.batch, c = geo.channels, h = geo.height, wd = geo.width
        let f = w.shape[0], hh = geo.windowHeight, ww = geo.windowWidth
        let ho = geo.outputHeight, wo = geo.outputWidth
        let xs = x.scalars, ws = w.scalars, bs = b.scalars
        var out = [Double](repeating: 0, count: n * f * ho * wo)
        for i in 0..<n {
            for k in 0..<f {
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        var acc = bs[k]
                        for ch in 0..<c {
                            for p in 0..<hh {
                                let y = oy * geo.stride + p - geo.padding
                                if y < 0 || y >= h { continue }
                                for q in 0..<ww {
                                    let z = ox * geo.stride + q - geo.padding
                                    if z < 0 || z >= wd { continue }
                                    acc += xs[((i * c + ch) * h + y) * wd + z] * ws[((k * c + ch) * hh + p) * ww + q]
                                }
                            }
                        }
                        out[((i * f + k) * ho + oy) * wo + ox] = acc
                    }
                }
            }
        }
        return (Tensor(shape: [n, f, ho, wo], scalars: out), Cache(x: x, w: w, geometry: geo))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let geo = cache.geometry
        let n = geo.batch, c = geo.channels, h = geo.height, wd = geo.width
        let f = cache.w.shape[0], hh = geo.windowHeight, ww = geo.windowWidth
        let ho = geo.outputHeight, wo = geo.outputWidth
        let xs = cache.x.scalars, ws = cache.w.scalars, g = dout.scalars
        var dx = [Double](repeating: 0, count: xs.count)
        var dw = [Double](repeating: 0, count: ws.count)
        var db = [Double](repeating: 0, count: f)
        for i in 0..<n {
            for k in 0..<f {
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        let grad = g[((i * f + k) * ho + oy) * wo + ox]
                        db[k] += grad
                        for ch in 0..<c {
                            for p in 0..<hh {
                                let y = oy * geo.stride + p - geo.padding
                                if y < 0 || y >= h { continue }
                                for q in 0..<ww {
                                    let z = ox * geo.stride + q - geo.padding
                                    if z < 0 || z >= wd { continue }
                                    let xi = ((i * c + ch) * h + y) * wd + z
                                    let wi = ((k * c + ch) * hh + p) * ww + q
                                    dx[xi] += ws[wi] * grad
                                    dw[wi] += xs[xi] * grad
                                }
                            }
                        }
                    }
                }
            }
        }
        return (Tensor(shape: cache.x.shape, scalars: dx), Tensor(shape: cache.w.shape, scalars: dw), Tensor(shape: [f], scalars: db.map { $0 / Double(n) }))
    }
}
