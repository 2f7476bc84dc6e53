import Curriculum
import TensorKit

/// Naive max pooling; backward finds each window's first maximum again.
public struct MaxPool: MaxPoolLayer {
    public struct Cache {
        var x: Tensor
        var poolHeight: Int
        var poolWidth: Int
        var stride: Int
    }

    public init() {}

    public func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let outH = 1 + (h - poolHeight) / stride
        let outW = 1 + (w - poolWidth) / stride
        var out = Tensor.zeros([n, c, outH, outW])
        for i in 0..<n {
            for ch in 0..<c {
                for r in 0..<outH {
                    for s in 0..<outW {
                        var best = -Double.infinity
                        for p in 0..<poolHeight {
                            for q in 0..<poolWidth {
                                best = Swift.max(best, x[i, ch, r * stride + p, s * stride + q])
                            }
                        }
                        out[i, ch, r, s] = best
                    }
                }
            }
        }
        return (out, Cache(x: x, poolHeight: poolHeight, poolWidth: poolWidth, stride: stride))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        let x = cache.x
        var dx = Tensor.zeros(x.shape)
        let (n, c, outH, outW) = (dout.shape[0], dout.shape[1], dout.shape[2], dout.shape[3])
        for i in 0..<n {
            for ch in 0..<c {
                for r in 0..<outH {
                    for s in 0..<outW {
                        var best = -Double.infinity
                        var at = (0, 0)
                        for p in 0..<cache.poolHeight {
                            for q in 0..<cache.poolWidth {
                                let value = x[i, ch, r * cache.stride + p, s * cache.stride + q]
                                if value > best {
                                    best = value
                                    at = (r * cache.stride + p, s * cache.stride + q)
                                }
                            }
                        }
                        dx[i, ch, at.0, at.1] = dout[i, ch, r, s]
                    }
                }
            }
        }
        return dx
    }
}
