import Curriculum
import Foundation
import TensorKit

/// Inverted dropout keeping a 0/1 mask and p in the cache; the 1/p scaling is applied
/// in both passes.
public struct Dropout: DropoutLayer {
    public struct Cache {
        var keep: Tensor          // 0/1 in train, all ones in test
        var scale: Double         // 1/p in train, 1 in test
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        guard parameters.mode == .train else {
            return (x, Cache(keep: Tensor.ones(x.shape), scale: 1))
        }
        var rng = parameters.makeGenerator()
        let draws = Tensor.randomUniform(x.shape, using: &rng)
        let keep = draws.map { $0 < parameters.keepProbability ? 1 : 0 }
        let scale = 1 / parameters.keepProbability
        let out = Tensor.where(keep, x * scale, Tensor(0.0))
        return (out, Cache(keep: keep, scale: scale))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        dout * cache.keep * cache.scale
    }
}
