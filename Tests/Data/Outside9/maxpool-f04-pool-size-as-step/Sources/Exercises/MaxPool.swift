import Curriculum
import TensorKit

/// Max pooling; backward recomputes each window's first maximum.
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
        let ho = 1 + (h - poolHeight) / stride, wo = 1 + (w - poolWidth) / stride
        var out = Tensor.zeros([n, c, ho, wo])
        for i in 0..<n {
            for ch in 0..<c {
                for r in 0..<ho {
                    for s in 0..<wo {
                        var best = -Double.infinity
                        for p in 0..<poolHeight {
                            for q in 0..<poolWidth {
                                best = Swift.max(best, x[i, ch, r * poolHeight + p, s * poolWidth + q])
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
        var dx = Tensor.zeros(like: x)
        let n = dout.shape[0], c = dout.shape[1], ho = dout.shape[2], wo = dout.shape[3]
        let st = cache.stride
        for i in 0..<n {
            for ch in 0..<c {
                for r in 0..<ho {
                    for s in 0..<wo {
                        var bestP = 0, bestQ = 0
                        var best = -Double.infinity
                        for p in 0..<cache.poolHeight {
                            for q in 0..<cache.poolWidth {
                                let v = x[i, ch, r * cache.poolHeight + p, s * cache.poolWidth + q]
                                if v > best {
                                    best = v
                                    bestP = p
                                    bestQ = q
                                }
                            }
                        }
                        dx[i, ch, r * cache.poolHeight + bestP, s * cache.poolWidth + bestQ] += dout[i, ch, r, s]
                    }
                }
            }
        }
        return dx
    }
}
