import Curriculum
import TensorKit

/// Exercise `dropout`: inverted dropout.
///
/// In training, every unit is kept with probability `keepProbability` and set to zero
/// otherwise, so the network cannot rely on any one unit. "Inverted" means the kept
/// units are divided by `keepProbability` during training, so that each unit's
/// expected value is what it was without dropout, and at test time the layer does
/// nothing at all.
/// Handout: `assignments/08-dropout/README.md`. Check: `swift run grader check dropout`.
public struct Dropout: DropoutLayer {
    /// What ``forward(_:parameters:)`` hands to ``backward(_:cache:)``. Yours to design:
    /// the backward pass must reuse exactly the units the forward pass kept.
    public struct Cache {
        // keep what backward needs
    }

    public init() {}

    /// Drops units of `x` in `.train` mode; passes `x` through in `.test` mode.
    ///
    /// - Parameters:
    ///   - x: inputs of any shape.
    ///   - parameters: `keepProbability` (the chance that a unit is **kept**), `mode`,
    ///     and an optional `seed`.
    /// - Returns: `out` in `x`'s shape and a cache.
    ///
    /// Hints: draw the random numbers from `parameters.makeGenerator()`, so that a seed
    /// gives the same mask every time (the grader relies on it). `Tensor.randomUniform`
    /// and a comparison such as `.<` make a tensor of ones and zeros. Where does the
    /// division by `keepProbability` go, and in which mode?
    public func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache) {
        TODO("dropout")
    }

    /// The gradient with respect to `x`.
    ///
    /// - Parameters:
    ///   - dout: the upstream gradient, in `x`'s shape.
    ///   - cache: what ``forward(_:parameters:)`` returned.
    /// - Returns: `dx` in `x`'s shape.
    ///
    /// Hint: in `.train` mode the forward pass multiplied every element by a constant
    /// (0 or `1 / keepProbability`); in `.test` mode it did nothing. The derivative of
    /// each is that constant.
    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        TODO("dropout")
    }
}
