import Curriculum
import TensorKit

/// The reference inverted dropout: in training each unit is kept with probability
/// `keepProbability` and the kept ones are divided by it, so that the expected output
/// equals the input and test time needs no rescaling; at test time it is the identity.
public struct Dropout: DropoutLayer {
    /// What the backward pass reads.
    public struct Cache: Sendable {
        /// `1 / keepProbability` for kept units and 0 for dropped ones, in the input's
        /// shape; `nil` after a test-mode forward pass, which changed nothing.
        public var mask: Tensor?
    }

    public init() {}

    /// - Parameters:
    ///   - x: inputs of any shape.
    ///   - parameters: the keep probability in `(0, 1]`, the mode, and the seed that
    ///     fixes the mask.
    /// - Returns: `out` in `x`'s shape and the cache.
    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        let p = parameters.keepProbability
        if !(p > 0 && p <= 1) {
            fatalError("dropout: keepProbability must be in (0, 1], got \(p)")
        }
        switch parameters.mode {
        case .train:
            var generator = parameters.makeGenerator()
            // A uniform draw below p keeps the unit, which happens with probability p.
            let mask = (Tensor.randomUniform(x.shape, using: &generator) .< p) / p
            return (x * mask, Cache(mask: mask))
        case .test:
            return (x, Cache(mask: nil))
        }
    }

    /// - Returns: `dx` in `x`'s shape: `dout` through the forward pass's own mask.
    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        guard let mask = cache.mask else { return dout }
        return dout * mask
    }
}
