import Curriculum
import TensorKit

// I wrote this one with plain loops first so I could see every index.
public struct Affine: AffineLayer {
    public struct Cache {
        let xShape: [Int]
        let xs: [Double]   // (N, D) row-major
        let ws: [Double]   // (D, M) row-major
        let n: Int
        let d: Int
        let m: Int
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0]
        let d = x.count / n
        let m = w.shape[1]
        let xs = x.scalars
        let ws = w.scalars
        let bs = b.scalars
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
        let cache = Cache(xShape: x.shape, xs: xs, ws: ws, n: n, d: d, m: m)
        return (Tensor(shape: [n, m], scalars: out), cache)
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (n, d, m) = (cache.n, cache.d, cache.m)
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
        return (Tensor(shape: [n, d], scalars: dx),
                Tensor(shape: [d, m], scalars: dw),
                Tensor(shape: [m], scalars: db))
    }
}
