import Curriculum
import TensorKit

/// Inverted dropout through `Tensor.where`: kept units scaled by 1/p, the others 0;
/// the cache holds the 0/1 mask and the scale (no mask at test time).
public struct Dropout: DropoutLayer {
    public struct Cache {
        var kept: Tensor?
        var scale: Double
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        if parameters.mode == .test {
            return (x, Cache(kept: nil, scale: 1))
        }
        var generator = parameters.makeGenerator()
        let u = Tensor.randomUniform(x.shape, low: 0, high: 1, using: &generator)
        let kept = u .< parameters.keepProbability
        let scale = 1 / parameters.keepProbability
        return (Tensor.where(kept, x * scale, Tensor(0.0)), Cache(kept: kept, scale: scale))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        guard let kept = cache.kept else { return dout }
        return Tensor.where(kept, dout * cache.scale, Tensor(0.0))
    }
}
