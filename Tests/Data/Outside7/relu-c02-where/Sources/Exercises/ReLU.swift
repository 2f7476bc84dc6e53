import Curriculum
import TensorKit

/// ReLU keeping the output as the cache and selecting with Tensor.where.
public struct ReLU: ReLULayer {
    public struct Cache {
        var active: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        let active = x .> 0
        let out = Tensor.where(active, x, Tensor.zeros(like: x))
        return (out, Cache(active: active))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        var dx = dout
        for i in 0..<dx.count where cache.active.scalars[i] == 0 {
            dx.setScalar(0, at: i)
        }
        return dx
    }
}
