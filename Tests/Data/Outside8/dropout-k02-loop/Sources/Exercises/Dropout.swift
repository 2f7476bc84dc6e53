import Curriculum
import TensorKit

/// Inverted dropout drawing one uniform number per element in a loop.
public struct Dropout: DropoutLayer {
    public struct Cache {
        let mode: Mode
        let keep: [Bool]
        let p: Double
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        let p = parameters.keepProbability
        if parameters.mode == .test {
            return (x, Cache(mode: .test, keep: [], p: p))
        }
        var rng = parameters.makeGenerator()
        var out = x.scalars
        var keep = [Bool](repeating: false, count: out.count)
        for i in 0..<out.count {
            let u = rng.nextUniform()
            if u < p {
                keep[i] = true
                out[i] = out[i] / p
            } else {
                out[i] = 0
            }
        }
        return (Tensor(shape: x.shape, scalars: out), Cache(mode: .train, keep: keep, p: p))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        if cache.mode == .test { return dout }
        var dx = dout.scalars
        for i in 0..<dx.count {
            dx[i] = cache.keep[i] ? dx[i] / cache.p : 0
        }
        return Tensor(shape: dout.shape, scalars: dx)
    }
}
