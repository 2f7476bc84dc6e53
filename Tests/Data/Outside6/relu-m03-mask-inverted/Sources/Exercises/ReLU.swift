import Curriculum
import TensorKit

/// ReLU element by element, caching which units were active as booleans.
public struct ReLU: ReLULayer {
    public struct Cache {
        var active: [Bool]
        var shape: [Int]
    }

    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        var out = x.scalars
        var active = [Bool](repeating: false, count: out.count)
        for i in out.indices {
            if out[i] > 0 {
                active[i] = true
            } else {
                out[i] = 0
            }
        }
        return (Tensor(shape: x.shape, scalars: out), Cache(active: active, shape: x.shape))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        var dx = dout.scalars
        for i in dx.indices where cache.active[i] {
            dx[i] = 0
        }
        return Tensor(shape: cache.shape, scalars: dx)
    }
}
