import Curriculum
import TensorKit

/// Exercise `relu`, keeping the output and using `Tensor.where`.
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
        let active = cache.out .>= 0
        return Tensor.where(active, dout, Tensor.zeros(like: dout))
    }
}
