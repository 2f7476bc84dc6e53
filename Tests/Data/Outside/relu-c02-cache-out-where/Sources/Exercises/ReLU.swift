import Curriculum
import Foundation
import TensorKit

/// ReLU caching the output; forward and backward via per-element selection.
public struct ReLU: ReLULayer {
    public struct Cache {
        var out: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        let out = x.map { $0 > 0 ? $0 : 0 }
        return (out, Cache(out: out))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        // out > 0 exactly where x > 0
        Tensor.where(cache.out .> 0, dout, Tensor(0.0))
    }
}
