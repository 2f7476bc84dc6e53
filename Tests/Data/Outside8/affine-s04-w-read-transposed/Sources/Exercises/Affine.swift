import Curriculum
import TensorKit

/// Affine layer with explicit loops over the row-major scalars.
public struct Affine: AffineLayer {
    public struct Cache {
        let input: Tensor
        let weights: Tensor
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
                var s = bs[j]
                for k in 0..<d {
                    s += xs[i * d + k] * ws[k * m + j]
                }
                out[i * m + j] = s
            }
        }
        return (Tensor(shape: [n, m], scalars: out), Cache(input: x, weights: w))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let x = cache.input, w = cache.weights
        let n = x.shape[0]
        let d = x.count / n
        let m = w.shape[1]
        let xs = x.scalars, ws = w.scalars, g = dout.scalars
        var dx = [Double](repeating: 0, count: n * d)
        var dw = [Double](repeating: 0, count: d * m)
        var db = [Double](repeating: 0, count: m)
        for i in 0..<n {
            for j in 0..<m {
                let gij = g[i * m + j]
                db[j] += gij
                for k in 0..<d {
                    dx[i * d + k] += gij * ws[j * d + k]
                    dw[k * m + j] += xs[i * d + k] * gij
                }
            }
        }
        return (Tensor(shape: x.shape, scalars: dx), Tensor(shape: [d, m], scalars: dw), Tensor(shape: [m], scalars: db))
    }
}
