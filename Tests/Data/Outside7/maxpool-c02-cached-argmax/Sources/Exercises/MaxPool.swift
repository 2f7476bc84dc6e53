import Curriculum
import TensorKit

/// Max pooling over raw arrays; forward records the flat index of every window's maximum.
public struct MaxPool: MaxPoolLayer {
    public struct Cache {
        var inputShape: [Int]
        var argmax: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache) {
        let shape = x.shape
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let outH = (h - poolHeight) / stride + 1
        let outW = (w - poolWidth) / stride + 1
        let xs = x.scalars
        var out: [Double] = []
        var argmax: [Int] = []
        out.reserveCapacity(n * c * outH * outW)
        for plane in 0..<(n * c) {
            let base = plane * h * w
            for r in 0..<outH {
                for s in 0..<outW {
                    var bestIndex = base + r * stride * w + s * stride
                    for p in 0..<poolHeight {
                        for q in 0..<poolWidth {
                            let index = base + (r * stride + p) * w + (s * stride + q)
                            if xs[index] > xs[bestIndex] { bestIndex = index }
                        }
                    }
                    out.append(xs[bestIndex])
                    argmax.append(bestIndex)
                }
            }
        }
        return (Tensor(shape: [n, c, outH, outW], scalars: out), Cache(inputShape: shape, argmax: argmax))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        var dx = [Double](repeating: 0, count: cache.inputShape.reduce(1, *))
        for (k, index) in cache.argmax.enumerated() {
            dx[index] += dout.scalars[k]
        }
        return Tensor(shape: cache.inputShape, scalars: dx)
    }
}
