import Curriculum
import TensorKit

/// Max pooling over raw arrays, caching the flat index of each window's argmax.
public struct MaxPool: MaxPoolLayer {
    public struct Cache {
        let inputShape: [Int]
        let argmax: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3]
        let ho = (h - poolHeight) / stride + 1
        let wo = (w - poolWidth) / stride + 1
        let xs = x.scalars
        var out = [Double](repeating: 0, count: n * c * ho * wo)
        var argmax = [Int](repeating: 0, count: out.count)
        for plane in 0..<(n * c) {
            let base = plane * h * w
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var bestIndex = base + (oy * stride) * w + ox * stride
                    for p in 0..<poolHeight {
                        for q in 0..<poolWidth {
                            let idx = base + (oy * stride + p) * w + (ox * stride + q)
                            if xs[idx] > xs[bestIndex] { bestIndex = idx }
                        }
                    }
                    let o = (plane * ho + oy) * wo + ox
                    out[o] = xs[bestIndex]
                    argmax[o] = bestIndex
                }
            }
        }
        return (Tensor(shape: [n, c, ho, wo], scalars: out), Cache(inputShape: x.shape, argmax: argmax))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        var dx = [Double](repeating: 0, count: cache.inputShape.reduce(1, *))
        let g = dout.scalars
        for o in 0..<g.count {
            dx[cache.argmax[o]] += g[o]
        }
        return Tensor(shape: cache.inputShape, scalars: dx)
    }
}
