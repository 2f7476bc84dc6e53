import Curriculum
import Foundation
import TensorKit

/// ReLU caching only the 0/1 mask of active units.
public struct ReLU: ReLULayer {
    public struct Cache {
        var mask: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        let mask = x .> 0
        return (x * mask, Cache(mask: mask))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        cache.mask * dout
    }
}
