import Curriculum
import TensorKit

/// A numeric gradient with an estimate of its own error, so that a check can tell an
/// analytic gradient that is wrong from a numeric one that is noisy.
///
/// Float64 central differences are noisier than a threshold of 1e-5 on some honest
/// inputs (the CS231n two-layer net at reg 0: W2 off by 2.2e-5 where an
/// extended-precision numeric gradient agrees to 9e-9), and coarser than it where the
/// step is large against the input's scale (batch norm of inputs at 1e-3). So the
/// judge takes central differences at steps `h` and `h/2` and combines them by
/// Richardson extrapolation (truncation error O(h⁴) instead of O(h²)); its error is
/// estimated as their difference (three times the truncation error of the finer one,
/// and so more than the extrapolation's) plus the rounding error of the difference
/// quotient, and an analytic gradient passes when it is within that error plus the
/// threshold.
///
/// The estimate is capped at ``maximumRelativeError`` of the gradient's scale: an
/// honest smooth function never comes near it, and a forward pass that answers the
/// probes with noise on purpose cannot buy itself a wide margin.
public struct NumericGradientEstimate: Sendable {
    /// The extrapolated numeric gradient.
    public var value: Tensor
    /// The estimated error of each element of ``value``, in its shape.
    public var error: Tensor

    /// The most error an estimate may claim, relative to the largest element of the
    /// gradient: ten times the worst honest truncation error seen (batch norm at 1e-3
    /// scale, 1e-4).
    static let maximumRelativeError = 1e-3

    /// Rounding error of one evaluation of the function, relative to `Σ |f ⊙ dout|`:
    /// 64 ulps covers a forward pass of some dozens of float64 operations.
    static let evaluationRounding = 64 * Double.ulpOfOne

    /// - Parameters:
    ///   - f: maps probe points (each in `x`'s shape) to outputs in `dout`'s shape.
    ///   - x: the point at which to differentiate.
    ///   - dout: the upstream gradient, in `f(x)`'s shape.
    ///   - h: the coarser step (the course's 1e-5).
    public init(ofBatch f: ([Tensor]) -> [Tensor], at x: Tensor, dout: Tensor, h: Double = 1e-5) {
        var magnitude = 0.0
        let measured = { (probes: [Tensor]) -> [Tensor] in
            let outputs = f(probes)
            for output in outputs where output.shape == dout.shape {
                let size = abs(output * dout).sum().scalar
                magnitude = size.isNaN ? .nan : Swift.max(magnitude, size)
            }
            return outputs
        }
        let coarse = numericGradient(ofBatch: measured, at: x, dout: dout, h: h)
        let fine = numericGradient(ofBatch: measured, at: x, dout: dout, h: h / 2)
        value = fine + (fine - coarse) / 3
        // The finer quotient divides two roundings of `magnitude` by its step, h.
        let rounding = Self.evaluationRounding * magnitude / h
        let cap = Self.maximumRelativeError * (abs(value).max().scalar)
        error = (abs(fine - coarse) + rounding).map { $0.isNaN ? .nan : Swift.min($0, cap) }
    }
}
