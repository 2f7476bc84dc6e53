import Curriculum
import TensorKit

/// Inverted dropout with a scaled mask tensor.
public struct Dropout: DropoutLayer {
    public struct Cache {
        var mask: Tensor?
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        guard parameters.mode == .train else { return (x, Cache(mask: nil)) }
        var rng = parameters.makeGenerator()
        let p = parameters.keepProbability
        let mask = (Tensor.randomUniform(x.shape, using: &rng) .< p) / p
        return (x * mask, Cache(mask: mask))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        guard let mask = cache.mask else { return dout }
        return dout * (mask .> 0)
    }
}
