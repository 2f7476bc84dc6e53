import TensorKit

/// Exercise `groupnorm`: group normalization of images `(N, C, H, W)`: the `C`
/// channels of each sample are split into `groups` consecutive groups of `C / groups`
/// channels, and each group is normalized over its channels and pixels.
///
/// `gamma` and `beta` have shape `(C,)`, one value per channel, as in spatial batch
/// norm (the course's notebooks use `(1, C, 1, 1)`; the numbers are the same).
public protocol GroupNormLayer: Sendable {
    associatedtype Cache
    init()

    /// - Parameters:
    ///   - x: inputs of shape `(N, C, H, W)`.
    ///   - gamma: scale per channel, shape `(C,)`.
    ///   - beta: shift per channel, shape `(C,)`.
    ///   - groups: the number of groups `G`; `C` must be a multiple of it.
    ///   - eps: added to the variance before the square root (1e-5 in the course).
    /// - Returns: `out` of shape `(N, C, H, W)` and the cache.
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)

    /// - Returns: `dx` `(N, C, H, W)`, `dgamma` `(C,)`, `dbeta` `(C,)`.
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor)
}
