import TensorKit

/// The "sandwich" affine → layer norm → ReLU, the hidden layer of a fully-connected
/// net with layer normalization, written once for whichever implementations it is
/// handed.
public struct AffineLayerNormReLU<A: AffineLayer, L: LayerNormLayer, R: ReLULayer>: Sendable {
    public var affine: A
    public var layerNorm: L
    public var relu: R

    public init(affine: A = A(), layerNorm: L = L(), relu: R = R()) {
        self.affine = affine
        self.layerNorm = layerNorm
        self.relu = relu
    }

    /// What the forward pass keeps: each layer's own cache.
    public struct Cache {
        public var affine: A.Cache
        public var layerNorm: L.Cache
        public var relu: R.Cache
    }

    /// - Parameters:
    ///   - x: inputs of shape `(N, d1, …, dk)`, read as `N` rows of `D` values.
    ///   - w: weights of shape `(D, M)`.
    ///   - b: biases of shape `(M,)`.
    ///   - gamma: layer-norm scale, shape `(M,)`.
    ///   - beta: layer-norm shift, shape `(M,)`.
    ///   - eps: added to each sample's variance before the square root.
    /// - Returns: `out` of shape `(N, M)` and the cache. Training and test time compute
    ///   the same thing.
    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, gamma: Tensor, beta: Tensor,
                        eps: Double = 1e-5) -> (out: Tensor, cache: Cache) {
        let (a, affineCache) = affine.forward(x, w, b)
        let (normalized, layerNormCache) = layerNorm.forward(a, gamma: gamma, beta: beta, eps: eps)
        let (out, reluCache) = relu.forward(normalized)
        return (out, Cache(affine: affineCache, layerNorm: layerNormCache, relu: reluCache))
    }

    /// - Parameters:
    ///   - dout: the upstream gradient, shape `(N, M)`.
    ///   - cache: what ``forward(_:_:_:gamma:beta:eps:)`` returned.
    /// - Returns: `dx` in `x`'s shape, `dw` `(D, M)`, `db` `(M,)`, `dgamma` and
    ///   `dbeta` `(M,)`.
    public func backward(_ dout: Tensor, cache: Cache)
        -> (dx: Tensor, dw: Tensor, db: Tensor, dgamma: Tensor, dbeta: Tensor)
    {
        let dnormalized = relu.backward(dout, cache: cache.relu)
        let (da, dgamma, dbeta) = layerNorm.backward(dnormalized, cache: cache.layerNorm)
        let (dx, dw, db) = affine.backward(da, cache: cache.affine)
        return (dx, dw, db, dgamma, dbeta)
    }
}
