import TensorKit

/// The "sandwich" conv → spatial batch norm → ReLU → optional max pool, the layer of a
/// ConvNet with batch norm: TensorKit's fast convolution and max pooling (given) around
/// whichever spatial batch norm and ReLU it is handed.
///
/// The convolution's bias is kept for parity with the course, although batch norm
/// subtracts it again with the mean; `beta` does its job.
public struct ConvBatchNormReLUPool<B: SpatialBatchNormLayer, R: ReLULayer>: Sendable {
    public var batchNorm: B
    public var relu: R

    public init(batchNorm: B = B(), relu: R = R()) {
        self.batchNorm = batchNorm
        self.relu = relu
    }

    /// What the forward pass keeps: each step's own cache.
    public struct Cache {
        public var convolution: ConvolutionCache
        public var batchNorm: B.Cache
        public var relu: R.Cache
        public var pool: PoolCache?
    }

    /// - Parameters:
    ///   - x: images of shape `(N, C, H, W)`.
    ///   - w: filters of shape `(F, C, K, K)`.
    ///   - b: biases of shape `(F,)`.
    ///   - gamma: batch-norm scale per filter, shape `(F,)`.
    ///   - beta: batch-norm shift per filter, shape `(F,)`.
    ///   - stride: the convolution's stride.
    ///   - padding: the zeros on each side of each image.
    ///   - poolSize: `s` for an `s × s` max pool with stride `s` after the ReLU, or `nil`.
    ///   - mode: `.train` uses the batch's statistics and updates the running ones in
    ///     `state`; `.test` uses the running ones.
    ///   - state: the spatial batch norm's eps, momentum and running statistics `(F,)`.
    /// - Returns: `out` of shape `(N, F, H′, W′)` and the cache.
    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, gamma: Tensor, beta: Tensor,
                        stride: Int = 1, padding: Int, poolSize: Int?, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (a, convolution) = ConvolutionCache.forward(x, w, b, stride: stride, padding: padding)
        let (normalized, batchNormCache) = batchNorm.forward(a, gamma: gamma, beta: beta, mode: mode, state: &state)
        let (activated, reluCache) = relu.forward(normalized)
        let (out, pool) = PoolCache.forward(activated, size: poolSize)
        return (out, Cache(convolution: convolution, batchNorm: batchNormCache, relu: reluCache, pool: pool))
    }

    /// Back through the max pool, the ReLU, the spatial batch norm and the convolution.
    /// - Parameters:
    ///   - dout: the upstream gradient, in the shape of the forward pass's `out`.
    ///   - cache: what the forward pass returned in `.train` mode.
    /// - Returns: `dx` `(N, C, H, W)`, `dw` `(F, C, K, K)`, `db`, `dgamma` and `dbeta` `(F,)`.
    public func backward(_ dout: Tensor, cache: Cache)
        -> (dx: Tensor, dw: Tensor, db: Tensor, dgamma: Tensor, dbeta: Tensor)
    {
        let dactivated = PoolCache.backward(dout, cache: cache.pool)
        let dnormalized = relu.backward(dactivated, cache: cache.relu)
        let (da, dgamma, dbeta) = batchNorm.backward(dnormalized, cache: cache.batchNorm)
        let (dx, dw, db) = cache.convolution.backward(da)
        return (dx, dw, db, dgamma, dbeta)
    }
}
