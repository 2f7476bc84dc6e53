import Curriculum
import TensorKit

// Keeps the 0/1 mask, the keep probability and the mode; scales in both passes.
public struct Dropout: DropoutLayer {
    public struct Cache {
        let kept: Tensor
        let keepProbability: Double
        let mode: Mode
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        let p = parameters.keepProbability
        if parameters.mode == .test {
            return (x, Cache(kept: Tensor.ones(x.shape), keepProbability: p, mode: .test))
        }
        var rng = parameters.makeGenerator()
        let draws = Tensor.randomUniform(x.shape, low: 0, high: 1, using: &rng)
        let kept = draws .< p
        let out = Tensor.where(kept, x / p, Tensor(0.0))
        return (out, Cache(kept: kept, keepProbability: p, mode: .train))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        switch cache.mode {
        case .test:
            return dout
        case .train:
            return Tensor.where(cache.kept, dout / cache.keepProbability, Tensor(0.0))
        }
    }
}
