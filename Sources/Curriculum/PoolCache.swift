import TensorKit

/// What an optional `s × s` max pool (stride `s`) of the ConvNet sandwiches keeps for its
/// backward pass, and the step itself: TensorKit's fast max pooling, a given helper
/// (the course's `max_pool_forward_fast`), not an exercise.
public struct PoolCache: Sendable {
    /// The pool's input, `(N, C, H, W)`.
    public var x: Tensor
    /// `s`: the window's height and width, and its stride.
    public var size: Int

    /// `x` max-pooled, or `x` itself when `size` is `nil`.
    static func forward(_ x: Tensor, size: Int?) -> (out: Tensor, cache: PoolCache?) {
        guard let size else { return (x, nil) }
        return (x.maxPooled(height: size, width: size, stride: size), PoolCache(x: x, size: size))
    }

    /// The gradient with respect to the pool's input (`dout` itself without a pool):
    /// each window's gradient goes to its maximum.
    static func backward(_ dout: Tensor, cache: PoolCache?) -> Tensor {
        guard let cache else { return dout }
        return cache.x.maxPoolingGradient(dout, height: cache.size, width: cache.size, stride: cache.size)
    }
}
