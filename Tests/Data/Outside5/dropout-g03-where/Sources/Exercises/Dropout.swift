import Curriculum
import TensorKit

// Dropout with Tensor.where: kept units are x / p, dropped ones 0.
public struct Dropout: DropoutLayer {
    public struct Cache {
        var kept: Tensor?       // 0/1, nil when nothing was dropped
        var keepProbability: Double
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        let p = parameters.keepProbability
        guard parameters.mode == .train else {
            return (x, Cache(kept: nil, keepProbability: p))
        }
        var generator = parameters.makeGenerator()
        let kept = Tensor.randomUniform(x.shape, low: 0, high: 1, using: &generator) .< p
        let out = Tensor.where(kept, x / p, Tensor.zeros(like: x))
        return (out, Cache(kept: kept, keepProbability: p))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        guard let kept = cache.kept else { return dout }
        return Tensor.where(kept, dout / cache.keepProbability, Tensor.zeros(like: dout))
    }
}
