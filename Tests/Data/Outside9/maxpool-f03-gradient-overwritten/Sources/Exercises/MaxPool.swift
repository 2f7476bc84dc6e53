import Curriculum
import TensorKit

/// Max pooling caching each window's flat argmax in raw arrays.
public struct MaxPool: MaxPoolLayer {
    public struct Cache {
        var inputShape: [Int]
        var argmax: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3]
        let ho = (h - poolHeight) / stride + 1
        let wo = (w - poolWidth) / stride + 1
        let xs = x.scalars
        var out = [Double](repeating: 0, count: n * c * ho * wo)
        var arg = [Int](repeating: 0, count: out.count)
        for plane in 0..<(n * c) {
            let base = plane * h * w
            for r in 0..<ho {
                for s in 0..<wo {
                    var bestIndex = base + (r * stride) * w + s * stride
                    for p in 0..<poolHeight {
                        for q in 0..<poolWidth {
                            let idx = base + (r * stride + p) * w + (s * stride + q)
                            if xs[idx] > xs[bestIndex] { bestIndex = idx }
                        }
                    }
                    let o = (plane * ho + r) * wo + s
                    out[o] = xs[bestIndex]
                    arg[o] = bestIndex
                }
            }
        }
        return (Tensor(shape: [n, c, ho, wo], scalars: out), Cache(inputShape: x.shape, argmax: arg))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        var dx = [Double](repeating: 0, count: cache.inputShape.reduce(1, *))
        for (o, g) in dout.scalars.enumerated() {
            dx[cache.argmax[o]] = g
        }
        return Tensor(shape: cache.inputShape, scalars: dx)
    }
}
