import Curriculum
import Foundation
import TensorKit

/// ReLU caching the input; backward masks with x > 0.
public struct ReLU: ReLULayer {
    public struct Cache {
        var x: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        let out = maximum(x, 0)
        return (out, Cache(x: x))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        let active = dout .> 0
        let dx = dout * active
        return dx
    }
}
