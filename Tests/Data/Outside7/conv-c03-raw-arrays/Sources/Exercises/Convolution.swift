import Curriculum
import TensorKit

/// Convolution over the raw row-major arrays with no padded copy: taps that fall in the
/// padding are skipped. Sizes (and the stop) from ConvolutionGeometry.
public struct Convolution: ConvolutionLayer {
    public struct Cache {
        var x: Tensor
        var w: Tensor
        var geometry: ConvolutionGeometry
    }

    public init() {}

    /// Calls `body(xIndex, wIndex, outIndex)` for every product of the convolution.
    private func forEachTap(_ g: ConvolutionGeometry, filters f: Int, _ body: (Int, Int, Int) -> Void) {
        let (c, h, w) = (g.channels, g.height, g.width)
        let (hh, ww) = (g.windowHeight, g.windowWidth)
        let (oh, ow) = (g.outputHeight, g.outputWidth)
        for n in 0..<g.batch {
            for k in 0..<f {
                for r in 0..<oh {
                    for s in 0..<ow {
                        let o = ((n * f + k) * oh + r) * ow + s
                        for ch in 0..<c {
                            for p in 0..<hh {
                                let y = r * g.stride + p - g.padding
                                if y < 0 || y >= h { continue }
                                for q in 0..<ww {
                                    let z = s * g.stride + q - g.padding
                                    if z < 0 || z >= w { continue }
                                    body(((n * c + ch) * h + y) * w + z, ((k * c + ch) * hh + p) * ww + q, o)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let g = ConvolutionGeometry(input: x.shape, windowHeight: w.shape[2], windowWidth: w.shape[3],
                                    stride: stride, padding: padding)
        let f = w.shape[0]
        let plane = g.outputHeight * g.outputWidth
        var out = [Double](repeating: 0, count: g.batch * f * plane)
        for o in out.indices { out[o] = b.scalars[(o / plane) % f] }
        let xs = x.scalars, ws = w.scalars
        forEachTap(g, filters: f) { xi, wi, o in out[o] += xs[xi] * ws[wi] }
        return (Tensor(shape: [g.batch, f, g.outputHeight, g.outputWidth], scalars: out), Cache(x: x, w: w, geometry: g))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let g = cache.geometry
        let f = cache.w.shape[0]
        let plane = g.outputHeight * g.outputWidth
        let ds = dout.scalars, xs = cache.x.scalars, ws = cache.w.scalars
        var dx = [Double](repeating: 0, count: xs.count)
        var dw = [Double](repeating: 0, count: ws.count)
        var db = [Double](repeating: 0, count: f)
        for o in ds.indices { db[(o / plane) % f] += ds[o] }
        forEachTap(g, filters: f) { xi, wi, o in
            dx[xi] += ds[o] * ws[wi]
            dw[wi] += ds[o] * xs[xi]
        }
        return (Tensor(shape: cache.x.shape, scalars: dx), Tensor(shape: cache.w.shape, scalars: dw),
                Tensor(shape: [f], scalars: db))
    }
}
