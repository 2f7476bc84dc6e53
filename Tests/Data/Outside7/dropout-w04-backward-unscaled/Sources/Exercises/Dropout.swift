import Curriculum
import TensorKit

/// Inverted dropout with a 0/1 keep mask, p and the mode in the cache.
public struct Dropout: DropoutLayer {
    public struct Cache {
        var keep: Tensor
        var keepProbability: Double
        var mode: Mode
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        let p = parameters.keepProbability
        switch parameters.mode {
        case .test:
            return (x, Cache(keep: Tensor.ones(x.shape), keepProbability: 1, mode: .test))
        case .train:
            var rng = parameters.makeGenerator()
            let keep = Tensor.randomUniform(x.shape, low: 0, high: 1, using: &rng) .< p
            let out = Tensor.where(keep, x / p, Tensor.zeros(like: x))
            return (out, Cache(keep: keep, keepProbability: p, mode: .train))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        switch cache.mode {
        case .test:
            return dout
        case .train:
            return Tensor.where(cache.keep, dout, Tensor.zeros(like: dout))
        }
    }
}
