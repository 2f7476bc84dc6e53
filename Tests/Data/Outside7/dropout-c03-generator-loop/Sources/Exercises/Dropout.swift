import Curriculum
import TensorKit

/// Inverted dropout drawing one uniform number per element from the generator in a loop;
/// the cache keeps the scale of every element (1 everywhere in test mode).
public struct Dropout: DropoutLayer {
    public struct Cache {
        var scale: [Double]
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        if parameters.mode == .test {
            return (x, Cache(scale: [Double](repeating: 1, count: x.count)))
        }
        var generator = parameters.makeGenerator()
        let p = parameters.keepProbability
        var scale = [Double](repeating: 0, count: x.count)
        for i in 0..<x.count where generator.nextUniform() < p {
            scale[i] = 1 / p
        }
        let out = zip(x.scalars, scale).map { $0 * $1 }
        return (Tensor(shape: x.shape, scalars: out), Cache(scale: scale))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        Tensor(shape: dout.shape, scalars: zip(dout.scalars, cache.scale).map { $0 * $1 })
    }
}
