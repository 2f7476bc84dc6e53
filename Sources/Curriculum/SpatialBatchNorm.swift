import TensorKit

/// Exercise `spatial-batchnorm`: batch normalization of images `(N, C, H, W)`, with
/// statistics per channel over `N`, `H` and `W`, built on the vanilla batch norm.
public protocol SpatialBatchNormLayer: Sendable {
    associatedtype Cache
    init()

    /// - Parameters:
    ///   - x: inputs of shape `(N, C, H, W)`.
    ///   - gamma: scale per channel, shape `(C,)`.
    ///   - beta: shift per channel, shape `(C,)`.
    ///   - mode, state: as for ``BatchNormLayer``; the running statistics have shape `(C,)`.
    /// - Returns: `out` of shape `(N, C, H, W)` and the cache.
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache)

    /// - Returns: `dx` `(N, C, H, W)`, `dgamma` `(C,)`, `dbeta` `(C,)`.
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor)
}
