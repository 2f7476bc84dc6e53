import Curriculum
import TensorKit

/// Affine layer with explicit loops over the flat numbers.
public struct Affine: AffineLayer {
    public struct Cache {
        let input: Tensor
        let weights: Tensor
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
                var total = bs[j]
                for k in 0..<d {
                    total += xs[i * d + k] * ws[k * m + j]
                }
                out[i * m + j] = total
            }
        }
        return (Tensor(shape: [n, m], scalars: out), Cache(input: x, weights: w))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let n = cache.input.shape[0]
        let d = cache.weights.shape[0]
        let m = cache.weights.shape[1]
        let xs = cache.input.scalars, ws = cache.weights.scalars, g = dout.scalars
        var dx = [Double](repeating: 0, count: n * d)
        var dw = [Double](repeating: 0, count: d * m)
        var db = [Double](repeating: 0, count: m)
        for i in 0..<n {
            for j in 0..<m {
                let upstream = g[i * m + j]
                db[j] += upstream
                for k in 0..<d {
                    dx[i * d + k] += upstream * ws[k * m + j]
                    dw[k * m + j] += upstream * xs[i * d + k]
                }
            }
        }
        return (Tensor(shape: cache.input.shape, scalars: dx),
                Tensor(shape: [d, m], scalars: dw),
                Tensor(shape: [m], scalars: db))
    }
}
