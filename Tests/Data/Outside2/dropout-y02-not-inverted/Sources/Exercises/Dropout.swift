import Curriculum
import TensorKit

/// Exercise `dropout`: inverted dropout.
public struct Dropout: DropoutLayer {
    public struct Cache {
        var mode: Mode
        var keepProbability: Double
        var mask: Tensor?
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        let p = parameters.keepProbability
        switch parameters.mode {
        case .train:
            var generator = parameters.makeGenerator()
            let u = Tensor.randomUniform(x.shape, using: &generator)
            let mask = u .< p
            let out = x * mask
            return (out, Cache(mode: .train, keepProbability: p, mask: mask))
        case .test:
            return (x * p, Cache(mode: .test, keepProbability: p, mask: nil))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        switch cache.mode {
        case .train:
            return dout * cache.mask!
        case .test:
            return dout * cache.keepProbability
        }
    }
}
