import Curriculum
import TensorKit

/// ReLU forward with Tensor.where; backward with a loop over the scalars.
public struct ReLU: ReLULayer {
    public struct Cache {
        let active: [Bool]
    }

    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        let out = Tensor.where(x .> 0, x, Tensor.zeros(like: x))
        let active = x.scalars.map { $0 > 0 }
        return (out, Cache(active: active))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        var dx = dout.scalars
        for i in 0..<dx.count {
            if !cache.active[i] {
                dx[i] = 0
            }
        }
        return Tensor(shape: dout.shape, scalars: dx)
    }
}
