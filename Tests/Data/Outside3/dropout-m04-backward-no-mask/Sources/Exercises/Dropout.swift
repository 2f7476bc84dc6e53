import Curriculum
import TensorKit

/// Exercise `dropout`: inverted dropout; the cache holds the scaled mask.
public struct Dropout: DropoutLayer {
    public struct Cache {
        var mask: Tensor?    // (u < p) / p in training, nil at test time
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        switch parameters.mode {
        case .train:
            let p = parameters.keepProbability
            var generator = parameters.makeGenerator()
            let u = Tensor.randomUniform(x.shape, low: 0, high: 1, using: &generator)
            let mask = (u .< p) / p
            return (x * mask, Cache(mask: mask))
        case .test:
            return (x, Cache(mask: nil))
        }
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        dout
    }
}
