import Curriculum
import TensorKit

/// Inverted dropout keeping a 0/1 mask, the keep probability and the mode; the
/// division by p happens in both passes.
public struct Dropout: DropoutLayer {
    public struct Cache {
        var keep: Tensor
        var p: Double
        var mode: Mode
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        let p = parameters.keepProbability
        switch parameters.mode {
        case .test:
            return (x, Cache(keep: Tensor.ones(x.shape), p: p, mode: .test))
        case .train:
            var rng = parameters.makeGenerator()
            let u = Tensor.randomUniform(x.shape, using: &rng)
            let keep = u .< p
            return (x * keep / p, Cache(keep: keep, p: p, mode: .train))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        if cache.mode == .test { return dout }
        return dout * cache.keep / cache.p
    }
}
