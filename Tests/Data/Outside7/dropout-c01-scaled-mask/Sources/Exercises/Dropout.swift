import Curriculum
import TensorKit

/// Inverted dropout; the cache is the scaled mask, nil in test mode.
public struct Dropout: DropoutLayer {
    public struct Cache {
        var mask: Tensor?
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        guard parameters.mode == .train else {
            return (x, Cache(mask: nil))
        }
        let p = parameters.keepProbability
        var generator = parameters.makeGenerator()
        let u = Tensor.randomUniform(x.shape, low: 0, high: 1, using: &generator)
        let mask = (u .< p) / p
        return (x * mask, Cache(mask: mask))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        if let mask = cache.mask {
            return dout * mask
        }
        return dout
    }
}
