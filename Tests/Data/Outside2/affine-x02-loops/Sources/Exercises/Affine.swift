import Curriculum
import TensorKit

/// Exercise `affine`, written with explicit loops over the scalars.
public struct Affine: AffineLayer {
    public struct Cache {
        var inputShape: [Int]
        var rows: Tensor   // (N, D)
        var w: Tensor      // (D, M)
    }

    public init() {}

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0]
        let d = x.count / n
        let m = w.shape[1]
        let rows = x.reshaped([n, d])
        var out = Tensor.zeros([n, m])
        for i in 0..<n {
            for k in 0..<m {
                var acc = b[k]
                for j in 0..<d {
                    acc += rows[i, j] * w[j, k]
                }
                out[i, k] = acc
            }
        }
        return (out, Cache(inputShape: x.shape, rows: rows, w: w))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let n = cache.rows.shape[0]
        let d = cache.rows.shape[1]
        let m = cache.w.shape[1]
        var dx = Tensor.zeros([n, d])
        var dw = Tensor.zeros([d, m])
        var db = Tensor.zeros([m])
        for i in 0..<n {
            for k in 0..<m {
                let g = dout[i, k]
                db[k] += g
                for j in 0..<d {
                    dx[i, j] += g * cache.w[j, k]
                    dw[j, k] += g * cache.rows[i, j]
                }
            }
        }
        return (dx.reshaped(cache.inputShape), dw, db)
    }
}
