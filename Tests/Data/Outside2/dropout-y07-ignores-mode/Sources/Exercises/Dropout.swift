import Curriculum
import TensorKit

/// Exercise `dropout`: the cache keeps the mask already divided by p (ones in test mode).
public struct Dropout: DropoutLayer {
    public struct Cache {
        var scale: Tensor
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        var rng = parameters.makeGenerator()
        let keep = parameters.keepProbability
        let scale = Tensor.randomUniform(x.shape, using: &rng).map { $0 < keep ? 1 / keep : 0 }
        return (x * scale, Cache(scale: scale))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        dout * cache.scale
    }
}
