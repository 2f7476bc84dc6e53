import TensorKit

/// The "sandwich" affine → batch norm → ReLU, the hidden layer of a fully-connected
/// net with batch normalization, written once for whichever implementations it is
/// handed.
///
/// The affine layer's bias is kept for parity with the course, although batch norm
/// subtracts it again with the mean; `beta` does its job.
public struct AffineBatchNormReLU<A: AffineLayer, B: BatchNormLayer, R: ReLULayer>: Sendable {
    public var affine: A
    public var batchNorm: B
    public var relu: R

    public init(affine: A = A(), batchNorm: B = B(), relu: R = R()) {
        self.affine = affine
        self.batchNorm = batchNorm
        self.relu = relu
    }

    /// What the forward pass keeps: each layer's own cache.
    public struct Cache {
        public var affine: A.Cache
        public var batchNorm: B.Cache
        public var relu: R.Cache
    }

    /// - Parameters:
    ///   - x: inputs of shape `(N, d1, …, dk)`, read as `N` rows of `D` values.
    ///   - w: weights of shape `(D, M)`.
    ///   - b: biases of shape `(M,)`.
    ///   - gamma: batch-norm scale, shape `(M,)`.
    ///   - beta: batch-norm shift, shape `(M,)`.
    ///   - mode: `.train` uses the batch's statistics and updates the running ones in
    ///     `state`; `.test` uses the running ones.
    ///   - state: the batch-norm layer's eps, momentum and running statistics.
    /// - Returns: `out` of shape `(N, M)` and the cache.
    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, gamma: Tensor, beta: Tensor,
                        mode: Mode, state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (a, affineCache) = affine.forward(x, w, b)
        let (normalized, batchNormCache) = batchNorm.forward(
            a, gamma: gamma, beta: beta, mode: mode, state: &state)
        let (out, reluCache) = relu.forward(normalized)
        return (out, Cache(affine: affineCache, batchNorm: batchNormCache, relu: reluCache))
    }

    /// Back through ReLU, batch norm (its ``BatchNormLayer/backward(_:cache:)``, through
    /// the graph) and the affine layer.
    /// - Parameters:
    ///   - dout: the upstream gradient, shape `(N, M)`.
    ///   - cache: what the forward pass returned in `.train` mode.
    /// - Returns: `dx` in `x`'s shape, `dw` `(D, M)`, `db` `(M,)`, `dgamma` and
    ///   `dbeta` `(M,)`.
    public func backward(_ dout: Tensor, cache: Cache)
        -> (dx: Tensor, dw: Tensor, db: Tensor, dgamma: Tensor, dbeta: Tensor)
    {
        let dnormalized = relu.backward(dout, cache: cache.relu)
        let (da, dgamma, dbeta) = batchNorm.backward(dnormalized, cache: cache.batchNorm)
        let (dx, dw, db) = affine.backward(da, cache: cache.affine)
        return (dx, dw, db, dgamma, dbeta)
    }
}
