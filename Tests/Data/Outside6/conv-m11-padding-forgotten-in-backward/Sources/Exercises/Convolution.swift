import Curriculum
import TensorKit

/// Naive convolution over the raw row-major arrays, without a padded copy: a tap that
/// falls in the padding reads zero (and sends its gradient nowhere). Sizes and the
/// stop come from TensorKit's ConvolutionGeometry.
public struct Convolution: ConvolutionLayer {
    public struct Cache {
        var xs: [Double]
        var ws: [Double]
        var geometry: ConvolutionGeometry
        var filters: Int
        var xShape: [Int]
        var wShape: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let geometry = ConvolutionGeometry(input: x.shape, windowHeight: w.shape[2], windowWidth: w.shape[3],
                                           stride: stride, padding: padding)
        let (n, c, h, wd) = (geometry.batch, geometry.channels, geometry.height, geometry.width)
        let (kh, kw) = (geometry.windowHeight, geometry.windowWidth)
        let (oh, ow) = (geometry.outputHeight, geometry.outputWidth)
        let f = w.shape[0]
        let xs = x.scalars, ws = w.scalars, bs = b.scalars
        var out = [Double](repeating: 0, count: n * f * oh * ow)
        for img in 0..<n {
            for filter in 0..<f {
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        var acc = bs[filter]
                        for ch in 0..<c {
                            for dy in 0..<kh {
                                let y = oy * stride + dy - padding
                                if y < 0 || y >= h { continue }
                                for dxx in 0..<kw {
                                    let xx = ox * stride + dxx - padding
                                    if xx < 0 || xx >= wd { continue }
                                    acc += xs[((img * c + ch) * h + y) * wd + xx]
                                        * ws[((filter * c + ch) * kh + dy) * kw + dxx]
                                }
                            }
                        }
                        out[((img * f + filter) * oh + oy) * ow + ox] = acc
                    }
                }
            }
        }
        return (Tensor(shape: [n, f, oh, ow], scalars: out),
                Cache(xs: xs, ws: ws, geometry: geometry, filters: f, xShape: x.shape, wShape: w.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let geometry = cache.geometry
        let (n, c, h, wd) = (geometry.batch, geometry.channels, geometry.height, geometry.width)
        let (kh, kw) = (geometry.windowHeight, geometry.windowWidth)
        let (oh, ow) = (geometry.outputHeight, geometry.outputWidth)
        let (stride, padding, f) = (geometry.stride, geometry.padding, cache.filters)
        let g = dout.scalars
        var dx = [Double](repeating: 0, count: cache.xs.count)
        var dw = [Double](repeating: 0, count: cache.ws.count)
        var db = [Double](repeating: 0, count: f)
        for img in 0..<n {
            for filter in 0..<f {
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        let upstream = g[((img * f + filter) * oh + oy) * ow + ox]
                        db[filter] += upstream
                        for ch in 0..<c {
                            for dy in 0..<kh {
                                let y = oy * stride + dy
                                if y < 0 || y >= h { continue }
                                for dxx in 0..<kw {
                                    let xx = ox * stride + dxx
                                    if xx < 0 || xx >= wd { continue }
                                    let xi = ((img * c + ch) * h + y) * wd + xx
                                    let wi = ((filter * c + ch) * kh + dy) * kw + dxx
                                    dw[wi] += upstream * cache.xs[xi]
                                    dx[xi] += upstream * cache.ws[wi]
                                }
                            }
                        }
                    }
                }
            }
        }
        return (Tensor(shape: cache.xShape, scalars: dx), Tensor(shape: cache.wShape, scalars: dw),
                Tensor(shape: [f], scalars: db))
    }
}
