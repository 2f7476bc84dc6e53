import Curriculum
import TensorKit

// Dropout that keeps a 0/1 mask, p and the mode, and rescales in both passes.
public struct Dropout: DropoutLayer {
    public struct Cache {
        let keep: Tensor
        let p: Double
        let mode: Mode
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        let p = parameters.keepProbability
        if parameters.mode == .test {
            return (x, Cache(keep: Tensor.ones(x.shape), p: p, mode: .test))
        }
        var rng = parameters.makeGenerator()
        let draws = Tensor.randomUniform(x.shape, low: 0, high: 1, using: &rng)
        let keep = draws .< p
        let out = x * keep / p
        return (out, Cache(keep: keep, p: p, mode: .train))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        return dout * cache.keep / cache.p
    }
}
