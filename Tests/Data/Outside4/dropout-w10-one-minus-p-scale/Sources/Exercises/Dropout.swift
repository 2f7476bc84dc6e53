import Curriculum
import TensorKit

/// Exercise `dropout`, caching a 0/1 mask, the keep probability and the mode.
public struct Dropout: DropoutLayer {
    public struct Cache {
        let keep: Tensor
        let p: Double
        let mode: Mode
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        let p = parameters.keepProbability
        switch parameters.mode {
        case .test:
            return (x, Cache(keep: Tensor.ones(x.shape), p: 1, mode: .test))
        case .train:
            var rng = parameters.makeGenerator()
            let u = Tensor.randomUniform(x.shape, using: &rng)
            let keep = u.map { $0 < p ? 1.0 : 0.0 }
            return (x * keep / (1 - p), Cache(keep: keep, p: 1 - p, mode: .train))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        if cache.mode == .test {
            return dout
        }
        return dout * cache.keep / cache.p
    }
}
