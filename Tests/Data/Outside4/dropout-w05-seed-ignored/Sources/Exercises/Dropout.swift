import Curriculum
import TensorKit

/// Exercise `dropout`: inverted dropout, caching the already scaled mask.
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
        var generator = SeededGenerator(seed: UInt64.random(in: 0 ... UInt64.max))
        let mask = (Tensor.randomUniform(x.shape, using: &generator) .< p) / p
        return (x * mask, Cache(mask: mask))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        guard let mask = cache.mask else { return dout }
        return dout * mask
    }
}
