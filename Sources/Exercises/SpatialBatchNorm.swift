import Curriculum
import TensorKit

/// Exercise `spatial-batchnorm`: batch normalization of images `(N, C, H, W)`, one
/// mean and variance per channel.
///
/// A convolutional feature map should be normalized the same way at every pixel, so
/// the statistics of channel `c` are taken over all `N · H · W` values of that channel.
/// Handout: `assignments/09-spatial-batchnorm/README.md`.
/// Check: `swift run grader check spatial-batchnorm`.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    /// What ``forward(_:gamma:beta:mode:state:)`` hands to ``backward(_:cache:)``. Yours
    /// to design; if you build on your ``BatchNorm``, its cache is most of what you need.
    public struct Cache {
        // keep what backward needs
    }

    public init() {}

    /// Batch-normalizes `x` per channel, in `.train` or `.test` mode, with running
    /// statistics of shape `(C,)` in `state`.
    ///
    /// - Parameters:
    ///   - x: inputs of shape `(N, C, H, W)`.
    ///   - gamma: scale per channel, shape `(C,)`.
    ///   - beta: shift per channel, shape `(C,)`.
    ///   - mode: `.train` or `.test`, as for ``BatchNorm``.
    ///   - state: eps, momentum and the running statistics, as for ``BatchNorm``.
    /// - Returns: `out` of shape `(N, C, H, W)` and a cache.
    ///
    /// Hints: rearrange `x` into a matrix whose columns are the channels and whose rows
    /// are all `(n, h, w)` positions, `(N · H · W, C)`; then your `BatchNorm().forward`
    /// does the work; then undo the rearrangement. `permuted(_:)` (or `transposed(_:…)`)
    /// moves the channel axis last, and `reshaped(_:)` flattens the rest. Undo the steps
    /// in reverse order.
    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        TODO("spatial-batchnorm")
    }

    /// The gradients with respect to `x`, `gamma` and `beta`.
    ///
    /// - Parameters:
    ///   - dout: the upstream gradient, shape `(N, C, H, W)`.
    ///   - cache: what the `.train` forward pass returned.
    /// - Returns: `dx` `(N, C, H, W)`, `dgamma` `(C,)`, `dbeta` `(C,)`.
    ///
    /// Hint: the same rearrangement as the forward pass, applied to `dout`, then your
    /// batch norm's backward, then the rearrangement undone for `dx`.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        TODO("spatial-batchnorm")
    }
}
