import TensorKit

/// The "sandwich" affine → ReLU, the hidden layer of a plain fully-connected net,
/// written once for whichever affine and ReLU implementations it is handed.
///
/// ```swift
/// let layer = AffineReLU(affine: Solutions.Affine(), relu: Solutions.ReLU())
/// let (h, cache) = layer.forward(x, w, b)
/// let (dx, dw, db) = layer.backward(dh, cache: cache)
/// ```
public struct AffineReLU<A: AffineLayer, R: ReLULayer>: Sendable {
    public var affine: A
    public var relu: R

    public init(affine: A = A(), relu: R = R()) {
        self.affine = affine
        self.relu = relu
    }

    /// What the forward pass keeps: each layer's own cache.
    public struct Cache {
        public var affine: A.Cache
        public var relu: R.Cache
    }

    /// - Parameters:
    ///   - x: inputs of shape `(N, d1, …, dk)`, read as `N` rows of `D` values.
    ///   - w: weights of shape `(D, M)`.
    ///   - b: biases of shape `(M,)`.
    /// - Returns: `out = max(0, x·w + b)` of shape `(N, M)` and the cache.
    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        let (a, affineCache) = affine.forward(x, w, b)
        let (out, reluCache) = relu.forward(a)
        return (out, Cache(affine: affineCache, relu: reluCache))
    }

    /// - Parameters:
    ///   - dout: the upstream gradient, shape `(N, M)`.
    ///   - cache: what ``forward(_:_:_:)`` returned.
    /// - Returns: `dx` in `x`'s shape, `dw` `(D, M)`, `db` `(M,)`.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let da = relu.backward(dout, cache: cache.relu)
        return affine.backward(da, cache: cache.affine)
    }
}
