import TensorKit

/// Exercise `relu`: the rectified linear unit, `out = max(0, x)` elementwise.
public protocol ReLULayer: Sendable {
    associatedtype Cache
    init()

    /// - Parameter x: inputs of any shape.
    /// - Returns: `out` in `x`'s shape and the cache.
    func forward(_ x: Tensor) -> (out: Tensor, cache: Cache)

    /// - Parameters:
    ///   - dout: the upstream gradient, in `x`'s shape.
    ///   - cache: what ``forward(_:)`` returned.
    /// - Returns: `dx` in `x`'s shape.
    func backward(_ dout: Tensor, cache: Cache) -> Tensor
}
