import Curriculum
import TensorKit

/// ReLU with maximum and a 0/1 mask.
public struct ReLU: ReLULayer {
    public struct Cache {
        var mask: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        (maximum(x, 0), Cache(mask: x .> 0))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        dout * cache.mask
    }
}
