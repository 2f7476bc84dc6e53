import Curriculum
import TensorKit

/// Max pooling; backward finds each window's first maximum again.
public struct MaxPool: MaxPoolLayer {
    public struct Cache {
        var x: Tensor
        var poolHeight: Int
        var poolWidth: Int
        var stride: Int
    }

    public init() {}

    public func forward(_ x: Tensor, poolHeight: Int, poolWidth: Int, stride: Int) -> (out: Tensor, cache: Cache) {
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3]
        let hOut = 1 + (h - poolHeight + stride - 1) / stride
        let wOut = 1 + (w - poolWidth + stride - 1) / stride
        var out = Tensor.zeros([n, c, hOut, wOut])
        for i in 0..<n {
            for ch in 0..<c {
                for r in 0..<hOut {
                    for s in 0..<wOut {
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
        let x = cache.x, ph = cache.poolHeight, pw = cache.poolWidth, stride = cache.stride
        let n = x.shape[0], c = x.shape[1]
        let hOut = dout.shape[2], wOut = dout.shape[3]
        var dx = Tensor.zeros(x.shape)
        for i in 0..<n {
            for ch in 0..<c {
                for r in 0..<hOut {
                    for s in 0..<wOut {
                        var best = -Double.infinity
                        var bestP = 0, bestQ = 0
                        for p in 0..<ph {
                            for q in 0..<pw {
                                let v = x[i, ch, r * stride + p, s * stride + q]
                                if v > best {
                                    best = v
                                    bestP = p
                                    bestQ = q
                                }
                            }
                        }
                        dx[i, ch, r * stride + bestP, s * stride + bestQ] += dout[i, ch, r, s]
                    }
                }
            }
        }
        return dx
    }
}
