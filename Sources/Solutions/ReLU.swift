import Curriculum
import TensorKit

/// The reference rectified linear unit: `out = max(0, x)` elementwise.
public struct ReLU: ReLULayer {
    /// What the backward pass needs: the inputs, to know which units were active.
    public struct Cache: Sendable {
        /// The inputs, in any shape.
        public var x: Tensor
    }

    public init() {}

    /// - Parameter x: inputs of any shape.
    /// - Returns: `max(0, x)` in `x`'s shape and the cache.
    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        (maximum(x, 0), Cache(x: x))
    }

    /// - Parameters:
    ///   - dout: upstream gradient in `x`'s shape.
    ///   - cache: from ``forward(_:)``.
    /// - Returns: `dx` in `x`'s shape: `dout` where `x > 0`, zero elsewhere (the
    ///   gradient at exactly 0 is taken to be 0, as in the course).
    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        dout * (cache.x .> 0)
    }
}
