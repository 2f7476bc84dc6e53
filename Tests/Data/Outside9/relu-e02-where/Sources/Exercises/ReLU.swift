import Curriculum
import TensorKit

/// ReLU keeping the input and using Tensor.where.
public struct ReLU: ReLULayer {
    public struct Cache {
        var x: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        let out = x.map { $0 > 0 ? $0 : 0 }
        return (out, Cache(x: x))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        Tensor.where(cache.x .> 0, dout, Tensor.zeros(like: dout))
    }
}
