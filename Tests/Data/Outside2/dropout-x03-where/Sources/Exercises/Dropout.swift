import Curriculum
import TensorKit

/// Exercise `dropout`: the kept positions as a 0/1 tensor, `Tensor.where` to pick.
public struct Dropout: DropoutLayer {
    public struct Cache {
        var keep: Tensor?        // nil in test mode
        var p: Double
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        guard parameters.mode == .train else {
            return (x, Cache(keep: nil, p: parameters.keepProbability))
        }
        var gen = parameters.makeGenerator()
        let p = parameters.keepProbability
        let keep = Tensor.randomUniform(x.shape, using: &gen) .< p
        let out = Tensor.where(keep, x / p, Tensor.zeros(like: x))
        return (out, Cache(keep: keep, p: p))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        guard let keep = cache.keep else { return dout }
        return Tensor.where(keep, dout / cache.p, Tensor.zeros(like: dout))
    }
}
