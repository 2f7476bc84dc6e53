import Curriculum
import TensorKit

// Keeps the 0/1 mask of the active units rather than the input.
public struct ReLU: ReLULayer {
    public struct Cache {
        let active: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        let out = maximum(x, 0)
        return (out, Cache(active: out .>= 0))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        Tensor.where(cache.active, dout, Tensor(0.0))
    }
}
