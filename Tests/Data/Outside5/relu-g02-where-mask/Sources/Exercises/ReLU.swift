import Curriculum
import TensorKit

/// ReLU that remembers only which units were active.
public struct ReLU: ReLULayer {
    public struct Cache {
        let active: Tensor   // 1 where x > 0, else 0
    }

    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        let active = x .> 0
        let out = Tensor.where(active, x, Tensor.zeros(like: x))
        return (out, Cache(active: active))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        Tensor.where(cache.active, dout, Tensor.zeros(like: dout))
    }
}
