import Curriculum
import TensorKit

/// Max pooling that remembers, in the forward pass, the flat index of each window's
/// first maximum; backward scatter-adds dout there.
public struct MaxPool: MaxPoolLayer {
    public struct Cache {
        var argmax: [Int]
        var inputShape: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let outH = (h - poolHeight + stride - 1) / stride + 1
        let outW = (w - poolWidth + stride - 1) / stride + 1
        let xs = x.scalars
        var out: [Double] = []
        var argmax: [Int] = []
        out.reserveCapacity(n * c * outH * outW)
        for plane in 0..<(n * c) {
            let base = plane * h * w
            for r in 0..<outH {
                for s in 0..<outW {
                    var bestIndex = base + (r * stride) * w + s * stride
                    for p in 0..<Swift.min(poolHeight, h - r * stride) {
                        for q in 0..<Swift.min(poolWidth, w - s * stride) {
                            let index = base + (r * stride + p) * w + s * stride + q
                            if xs[index] > xs[bestIndex] { bestIndex = index }
                        }
                    }
                    out.append(xs[bestIndex])
                    argmax.append(bestIndex)
                }
            }
        }
        return (Tensor(shape: [n, c, outH, outW], scalars: out), Cache(argmax: argmax, inputShape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        var dx = [Double](repeating: 0, count: cache.inputShape.reduce(1, *))
        for (k, g) in dout.scalars.enumerated() {
            dx[cache.argmax[k]] += g
        }
        return Tensor(shape: cache.inputShape, scalars: dx)
    }
}
