import Curriculum
import TensorKit

/// ReLU with TensorKit's maximum and a 0/1 mask.
public struct ReLU: ReLULayer {
    public struct Cache {
        var x: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        (maximum(x, 0), Cache(x: x))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        let mask = cache.x .>= 0
        return dout * mask
    }
}
