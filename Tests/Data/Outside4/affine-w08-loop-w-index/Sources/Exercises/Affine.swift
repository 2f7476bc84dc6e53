import Curriculum
import TensorKit

/// Exercise `affine`, written with explicit loops over the raw numbers.
public struct Affine: AffineLayer {
    public struct Cache {
        let inputShape: [Int]
        let xs: [Double]
        let ws: [Double]
        let n: Int
        let d: Int
        let m: Int
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0]
        let d = w.shape[0]
        let m = w.shape[1]
        let xs = x.scalars, ws = w.scalars, bs = b.scalars
        var out = [Double](repeating: 0, count: n * m)
        for i in 0..<n {
            for j in 0..<m {
                var acc = bs[j]
                for k in 0..<d {
                    acc += xs[i * d + k] * ws[j * d + k]
                }
                out[i * m + j] = acc
            }
        }
        let cache = Cache(inputShape: x.shape, xs: xs, ws: ws, n: n, d: d, m: m)
        return (Tensor(shape: [n, m], scalars: out), cache)
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let n = cache.n, d = cache.d, m = cache.m
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
        return (Tensor(shape: cache.inputShape, scalars: dx),
                Tensor(shape: [d, m], scalars: dw),
                Tensor(shape: [m], scalars: db))
    }
}
