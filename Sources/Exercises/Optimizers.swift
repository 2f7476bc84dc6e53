import Curriculum
import Foundation
import TensorKit

/// Exercise `optimizers`: one step of each of six update rules.
///
/// Every rule takes the weights `w` and their gradient `dw` (same shape), returns the
/// new weights, and updates its `state` in place. The caller keeps one state per
/// weight tensor and hands it back at the next step, so whatever a rule accumulates
/// (a velocity, a sum of squares, moment estimates, a step count) lives in the state.
/// An accumulator that is `nil` has not been started: treat it as zeros of `w`'s
/// shape, and store it back at the end of the step.
/// Handout: `assignments/04-optimizers/README.md`. Check: `swift run grader check optimizers`.
public struct Optimizers: UpdateRules {
    public init() {}

    /// Vanilla stochastic gradient descent: a step of `learningRate` against the gradient.
    ///
    /// - Parameters:
    ///   - w: the weights, any shape.
    ///   - dw: the gradient of the loss with respect to `w`, same shape.
    ///   - state: the learning rate.
    /// - Returns: the new weights.
    public func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        TODO("optimizers")
    }

    /// SGD with momentum: the velocity keeps `momentum` of itself and takes a step of
    /// `learningRate` against the gradient; the weights then move by the velocity.
    ///
    /// - Parameters:
    ///   - w: the weights, any shape.
    ///   - dw: the gradient, same shape.
    ///   - state: learning rate, momentum and the velocity (`nil` before the first step).
    /// - Returns: the new weights; `state.velocity` holds the new velocity.
    ///
    /// Hint: with `momentum = 0` this must give exactly what ``sgd(_:_:state:)`` gives.
    /// Check the sign: the velocity points downhill.
    public func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        TODO("optimizers")
    }

    /// Nesterov momentum: the velocity is updated as in ``sgdMomentum(_:_:state:)``,
    /// but the gradient is meant to be taken at the look-ahead point `w + momentum · v`.
    ///
    /// The caller can only give the gradient at the point it stores, so store the
    /// look-ahead point instead of `w`. Work out on paper how the new stored point
    /// follows from the old one, the old velocity and the new velocity: the result
    /// needs both velocities.
    ///
    /// - Parameters:
    ///   - w: the stored (look-ahead) weights, any shape.
    ///   - dw: the gradient at `w`, same shape.
    ///   - state: learning rate, momentum and the velocity (`nil` before the first step).
    /// - Returns: the new stored weights; `state.velocity` holds the new velocity.
    ///
    /// Hint: if your answer only uses the new velocity, you have written plain momentum.
    public func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        TODO("optimizers")
    }

    /// AdaGrad: every weight gets its own step size, `learningRate` divided by the root
    /// of the sum of all its squared gradients so far (plus `eps`).
    ///
    /// - Parameters:
    ///   - w: the weights, any shape.
    ///   - dw: the gradient, same shape.
    ///   - state: learning rate, eps and the running sum of squares (`nil` before the
    ///     first step).
    /// - Returns: the new weights; `state.cache` holds the new sum.
    ///
    /// Hint: the sum grows at every step and is never reset or decayed; `eps` is added
    /// after the square root.
    public func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        TODO("optimizers")
    }

    /// RMSProp: AdaGrad with a leaky sum: the cache keeps `decayRate` of itself and
    /// takes `1 − decayRate` of the new squared gradient, so old gradients are forgotten.
    ///
    /// - Parameters:
    ///   - w: the weights, any shape.
    ///   - dw: the gradient, same shape.
    ///   - state: learning rate, decay rate, eps and the moving average of squares
    ///     (`nil` before the first step).
    /// - Returns: the new weights; `state.cache` holds the new average.
    ///
    /// Hint: `eps` goes outside the square root, as in AdaGrad: `√cache + eps`.
    public func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        TODO("optimizers")
    }

    /// Adam: a moving average of the gradient (`m`, with `beta1`) as the direction, a
    /// moving average of its square (`v`, with `beta2`) as in RMSProp for the step size,
    /// and a bias correction of both because they start at zero.
    ///
    /// - Parameters:
    ///   - w: the weights, any shape.
    ///   - dw: the gradient, same shape.
    ///   - state: learning rate, `beta1`, `beta2`, eps, the moments `m` and `v` (`nil`
    ///     before the first step) and the step count `t`.
    /// - Returns: the new weights; `state` holds the new `m`, `v` and `t`.
    ///
    /// Hints: increment `t` first, then use it in the corrections `1 − beta1ᵗ` and
    /// `1 − beta2ᵗ`. Store the uncorrected moments in the state; the corrected ones are
    /// only for this step. Foundation's `pow(_:_:)` raises a `Double` to a power.
    public func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        TODO("optimizers")
    }
}
