import Curriculum
import TensorKit

/// Max pooling that gathers each window into an array and picks `firstIndex(of: max)`.
public struct MaxPool: MaxPoolLayer {
    public struct Cache {
        var x: Tensor
        var pool: (height: Int, width: Int, stride: Int)
    }

    public init() {}

    private func window(_ x: Tensor, _ n: Int, _ c: Int, _ r: Int, _ s: Int,
                        _ pool: (height: Int, width: Int, stride: Int)) -> (values: [Double], positions: [(Int, Int)]) {
        var values: [Double] = []
        var positions: [(Int, Int)] = []
        for p in 0..<pool.height {
            for q in 0..<pool.width {
                let (y, z) = (r * pool.stride + p, s * pool.stride + q)
                values.append(x[n, c, y, z])
                positions.append((y, z))
            }
        }
        return (values, positions)
    }

    public func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache) {
        let pool = (height: poolHeight, width: poolWidth, stride: stride)
        let outH = (x.shape[2] - poolHeight) / stride + 1
        let outW = (x.shape[3] - poolWidth) / stride + 1
        var out = Tensor.zeros([x.shape[0], x.shape[1], outH, outW])
        for n in 0..<x.shape[0] {
            for c in 0..<x.shape[1] {
                for r in 0..<outH {
                    for s in 0..<outW {
                        out[n, c, r, s] = window(x, n, c, r, s, pool).values.max()!
                    }
                }
            }
        }
        return (out, Cache(x: x, pool: pool))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        var dx = Tensor.zeros(cache.x.shape)
        for n in 0..<dout.shape[0] {
            for c in 0..<dout.shape[1] {
                for r in 0..<dout.shape[2] {
                    for s in 0..<dout.shape[3] {
                        let (values, positions) = window(cache.x, n, c, r, s, cache.pool)
                        let first = values.firstIndex(of: values.max()!)!
                        let (y, z) = positions[first]
                        dx[n, c, y, z] += dout[n, c, r, s]
                    }
                }
            }
        }
        return dx
    }
}
