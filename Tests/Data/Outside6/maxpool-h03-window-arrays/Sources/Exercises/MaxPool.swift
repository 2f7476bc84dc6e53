import Curriculum
import TensorKit

/// Max pooling that gathers each window into a small array read row by row; the
/// backward pass routes the gradient to `firstIndex(of: max)` of that array.
public struct MaxPool: MaxPoolLayer {
    public struct Cache {
        var x: Tensor
        var size: (height: Int, width: Int)
        var stride: Int
    }

    public init() {}

    private func window(_ xs: [Double], plane: Int, _ r: Int, _ s: Int, shape: [Int],
                        size: (height: Int, width: Int), stride: Int) -> (values: [Double], offsets: [Int]) {
        let (h, w) = (shape[2], shape[3])
        var values: [Double] = []
        var offsets: [Int] = []
        for p in 0..<size.height {
            for q in 0..<size.width {
                let offset = plane * h * w + (r * stride + p) * w + (s * stride + q)
                values.append(xs[offset])
                offsets.append(offset)
            }
        }
        return (values, offsets)
    }

    public func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let outH = (h - poolHeight) / stride + 1
        let outW = (w - poolWidth) / stride + 1
        let xs = x.scalars
        var out = [Double](repeating: 0, count: n * c * outH * outW)
        for plane in 0..<(n * c) {
            for r in 0..<outH {
                for s in 0..<outW {
                    let (values, _) = window(xs, plane: plane, r, s, shape: x.shape,
                                             size: (poolHeight, poolWidth), stride: stride)
                    out[(plane * outH + r) * outW + s] = values.max()!
                }
            }
        }
        return (Tensor(shape: [n, c, outH, outW], scalars: out),
                Cache(x: x, size: (poolHeight, poolWidth), stride: stride))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        let shape = cache.x.shape
        let xs = cache.x.scalars
        let (outH, outW) = (dout.shape[2], dout.shape[3])
        let g = dout.scalars
        var dx = [Double](repeating: 0, count: xs.count)
        for plane in 0..<(shape[0] * shape[1]) {
            for r in 0..<outH {
                for s in 0..<outW {
                    let (values, offsets) = window(xs, plane: plane, r, s, shape: shape,
                                                   size: cache.size, stride: cache.stride)
                    let first = values.firstIndex(of: values.max()!)!
                    dx[offsets[first]] += g[(plane * outH + r) * outW + s]
                }
            }
        }
        return Tensor(shape: shape, scalars: dx)
    }
}
