import TensorKit

/// The "sandwich" conv → ReLU → optional max pool, the layer of a ConvNet without
/// batch norm: TensorKit's fast convolution and max pooling (given) around whichever
/// ReLU it is handed.
///
/// ```swift
/// let layer = ConvReLUPool(relu: ReLU())
/// let (h, cache) = layer.forward(x, w, b, padding: 1, poolSize: 2)
/// let (dx, dw, db) = layer.backward(dh, cache: cache)
/// ```
public struct ConvReLUPool<R: ReLULayer>: Sendable {
    public var relu: R

    public init(relu: R = R()) {
        self.relu = relu
    }

    /// What the forward pass keeps: the convolution's operands, the ReLU's cache and the
    /// pool's input.
    public struct Cache {
        public var convolution: ConvolutionCache
        public var relu: R.Cache
        public var pool: PoolCache?
    }

    /// - Parameters:
    ///   - x: images of shape `(N, C, H, W)`.
    ///   - w: filters of shape `(F, C, K, K)`.
    ///   - b: biases of shape `(F,)`.
    ///   - stride: the convolution's stride.
    ///   - padding: the zeros on each side of each image.
    ///   - poolSize: `s` for an `s × s` max pool with stride `s` after the ReLU, or `nil`
    ///     for none.
    /// - Returns: `out` of shape `(N, F, H′, W′)` (halved by a 2×2 pool) and the cache.
    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int = 1, padding: Int,
                        poolSize: Int?) -> (out: Tensor, cache: Cache) {
        let (a, convolution) = ConvolutionCache.forward(x, w, b, stride: stride, padding: padding)
        let (activated, reluCache) = relu.forward(a)
        let (out, pool) = PoolCache.forward(activated, size: poolSize)
        return (out, Cache(convolution: convolution, relu: reluCache, pool: pool))
    }

    /// Back through the max pool, the ReLU and the convolution.
    /// - Parameters:
    ///   - dout: the upstream gradient, in the shape of the forward pass's `out`.
    ///   - cache: what ``forward(_:_:_:stride:padding:poolSize:)`` returned.
    /// - Returns: `dx` `(N, C, H, W)`, `dw` `(F, C, K, K)`, `db` `(F,)`.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let dactivated = PoolCache.backward(dout, cache: cache.pool)
        let da = relu.backward(dactivated, cache: cache.relu)
        return cache.convolution.backward(da)
    }
}
