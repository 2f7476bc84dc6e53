import Curriculum
import TensorKit

/// Exercise `groupnorm`: group normalization of images `(N, C, H, W)`.
///
/// Layer norm for feature maps, but finer: the `C` channels of each example are split
/// into `groups` consecutive groups of `C / groups` channels, and each group of each
/// example is normalized over its channels and pixels. Like layer norm, it never looks
/// at other examples, so it works with batches of any size and has no running
/// statistics.
/// Handout: `assignments/10-groupnorm/README.md`. Check: `swift run grader check groupnorm`.
public struct GroupNorm: GroupNormLayer {
    /// What ``forward(_:gamma:beta:groups:eps:)`` hands to ``backward(_:cache:)``.
    /// Yours to design: add the stored properties the backward pass needs.
    public struct Cache {
        // keep what backward needs
    }

    public init() {}

    /// Normalizes each group of channels of each example, then scales and shifts each
    /// channel by its own `gamma` and `beta`.
    ///
    /// - Parameters:
    ///   - x: inputs of shape `(N, C, H, W)`.
    ///   - gamma: scale per channel, shape `(C,)`.
    ///   - beta: shift per channel, shape `(C,)`.
    ///   - groups: the number of groups `G`. When `C` is not a multiple of `G`, stop
    ///     with a message that says so (TensorKit's `shapeFailure(_:)`).
    ///   - eps: added to the (biased) variance before the square root.
    /// - Returns: `out` of shape `(N, C, H, W)` and a cache.
    ///
    /// Hints: `x.reshaped([N, G, -1])` puts every value of one group of one example in
    /// one row of length `(C / G) · H · W`; the statistics of a group are then layer
    /// norm's per-row statistics. Reshape back to `(N, C, H, W)` before applying `gamma`
    /// and `beta`, which broadcast as `(1, C, 1, 1)`.
    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double)
        -> (out: Tensor, cache: Cache)
    {
        TODO("groupnorm")
    }

    /// The gradients with respect to `x`, `gamma` and `beta`.
    ///
    /// - Parameters:
    ///   - dout: the upstream gradient, shape `(N, C, H, W)`.
    ///   - cache: what ``forward(_:gamma:beta:groups:eps:)`` returned.
    /// - Returns: `dx` `(N, C, H, W)`, `dgamma` `(C,)`, `dbeta` `(C,)`.
    ///
    /// Hints: `dgamma` and `dbeta` sum over every axis but the channel one (0, 2 and 3).
    /// For `dx`, take the gradient with respect to the normalized values in the
    /// `(N, C, H, W)` layout, reshape it to `(N, G, -1)`, and the layer-norm formula
    /// applies row by row.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        TODO("groupnorm")
    }
}
