import Curriculum
import TensorKit

/// Inverted dropout drawing one uniform per element in a loop.
public struct Dropout: DropoutLayer {
    public struct Cache {
        var factors: [Double]
        var train: Bool
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        if parameters.mode == .test {
            return (x * parameters.keepProbability, Cache(factors: [], train: false))
        }
        var generator = parameters.makeGenerator()
        let keep = parameters.keepProbability
        var factors = [Double](repeating: 0, count: x.count)
        var out = x.scalars
        for i in 0..<x.count {
            let u = generator.nextUniform()
            factors[i] = u < keep ? 1 / keep : 0
            out[i] *= factors[i]
        }
        return (Tensor(shape: x.shape, scalars: out), Cache(factors: factors, train: true))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        if !cache.train { return dout }
        var dx = dout.scalars
        for i in 0..<dx.count { dx[i] *= cache.factors[i] }
        return Tensor(shape: dout.shape, scalars: dx)
    }
}
