import Curriculum
import TensorKit

/// Affine layer with plain loops over the raw numbers (row-major indexing by hand).
public struct Affine: AffineLayer {
    public struct Cache {
        var shape: [Int]
        var xs: [Double]
        var ws: [Double]
        var n: Int
        var d: Int
        var m: Int
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0]
        let d = x.shape.dropFirst().reduce(1, *)
        let m = w.shape[1]
        let xs = x.scalars, ws = w.scalars, bs = b.scalars
        var out = [Double](repeating: 0, count: n * m)
        for i in 0..<n {
            for j in 0..<m {
                var total = bs[j]
                for k in 0..<d {
                    total += xs[i * d + k] * ws[k * m + j]
                }
                out[i * m + j] = total
            }
        }
        return (Tensor(shape: [n, m], scalars: out),
                Cache(shape: x.shape, xs: xs, ws: ws, n: n, d: d, m: m))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (n, d, m) = (cache.n, cache.d, cache.m)
        let g = dout.scalars
        var dx = [Double](repeating: 0, count: n * d)
        var dw = [Double](repeating: 0, count: d * m)
        var db = [Double](repeating: 0, count: m)
        for i in 0..<n {
            for j in 0..<m {
                let upstream = g[i * m + j]
                db[j] = upstream
                for k in 0..<d {
                    dx[i * d + k] += upstream * cache.ws[k * m + j]
                    dw[k * m + j] += upstream * cache.xs[i * d + k]
                }
            }
        }
        return (Tensor(shape: cache.shape, scalars: dx),
                Tensor(shape: [d, m], scalars: dw),
                Tensor(shape: [m], scalars: db))
    }
}
