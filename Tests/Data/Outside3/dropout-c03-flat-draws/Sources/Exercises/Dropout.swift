import Curriculum
import TensorKit

// Draws the uniforms as one flat vector and builds the scaled mask element by element.
public struct Dropout: DropoutLayer {
    public struct Cache {
        let scale: [Double]?   // 1/p where kept, 0 where dropped; nil in test mode
    }

    public init() {}

    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        guard parameters.mode == .train else {
            return (x, Cache(scale: nil))
        }
        let p = parameters.keepProbability
        var generator = parameters.makeGenerator()
        let draws = Tensor.randomUniform([x.count], low: 0, high: 1, using: &generator).scalars
        let scale = draws.map { $0 < p ? 1 / p : 0 }
        let out = zip(x.scalars, scale).map { $0 * $1 }
        return (Tensor(shape: x.shape, scalars: out), Cache(scale: scale))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        guard let scale = cache.scale else { return dout }
        return Tensor(shape: dout.shape, scalars: zip(dout.scalars, scale).map { $0 * $1 })
    }
}
