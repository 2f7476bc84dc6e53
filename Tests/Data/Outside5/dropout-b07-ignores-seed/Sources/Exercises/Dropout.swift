import Curriculum
import TensorKit

/// Inverted dropout; the cache holds the mask with 1/p folded in.
public struct Dropout: DropoutLayer {
    public struct Cache {
        var mask: Tensor?   // nil in test mode
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        switch parameters.mode {
        case .train:
            let p = parameters.keepProbability
            var generator = SeededGenerator(seed: UInt64.random(in: 0...UInt64.max))
            let u = Tensor.randomUniform(x.shape, low: 0, high: 1, using: &generator)
            let mask = (u .< p) / p
            return (x * mask, Cache(mask: mask))
        case .test:
            return (x, Cache(mask: nil))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        guard let mask = cache.mask else { return dout }
        return dout * mask
    }
}
