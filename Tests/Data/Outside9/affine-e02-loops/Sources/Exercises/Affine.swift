import Curriculum
import TensorKit

/// Affine layer written with plain loops over the scalars.
public struct Affine: AffineLayer {
    public struct Cache {
        var inputShape: [Int]
        var xs: [Double]
        var ws: [Double]
        var d: Int
        var m: Int
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0]
        let d = x.count / n
        let m = w.shape[1]
        let xs = x.scalars, ws = w.scalars, bs = b.scalars
        var out = [Double](repeating: 0, count: n * m)
        for i in 0..<n {
            for j in 0..<m {
                var acc = bs[j]
                for k in 0..<d {
                    acc += xs[i * d + k] * ws[k * m + j]
                }
                out[i * m + j] = acc
            }
        }
        return (Tensor(shape: [n, m], scalars: out), Cache(inputShape: x.shape, xs: xs, ws: ws, d: d, m: m))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let n = dout.shape[0]
        let d = cache.d, m = cache.m
        let g = dout.scalars
        var dx = [Double](repeating: 0, count: n * d)
        var dw = [Double](repeating: 0, count: d * m)
        var db = [Double](repeating: 0, count: m)
        for i in 0..<n {
            for j in 0..<m {
                let gij = g[i * m + j]
                db[j] += gij
                for k in 0..<d {
                    dx[i * d + k] += gij * cache.ws[k * m + j]
                    dw[k * m + j] += cache.xs[i * d + k] * gij
                }
            }
        }
        return (Tensor(shape: cache.inputShape, scalars: dx), Tensor(shape: [d, m], scalars: dw),
                Tensor(shape: [m], scalars: db))
    }
}
