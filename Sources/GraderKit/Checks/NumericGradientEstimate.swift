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
///
/// Kinks are the exception. A ReLU input within a step of 0 (a fresh network's hidden
/// unit, one time in a few hundred) makes the central differences wrong by up to half
/// the jump in slope, and no step size helps. There the one-sided derivatives, each
/// from the side without the kink, differ by the jump; the element's error is then
/// how far the central estimate is from either, uncapped: any value between the two
/// one-sided derivatives passes (at `x = 0` exactly, ReLU's `dx` may be either). At
/// most ``maximumKinks(of:)`` elements are treated so, so that a forward that fakes
/// kinks at every probe gains nothing: on the other three quarters it must still
/// match both the reference's gradients (the gate) and its own backward.
public struct NumericGradientEstimate: Sendable {
    /// The extrapolated numeric gradient.
    public var value: Tensor
    /// The estimated error of each element of ``value``, in its shape.
    public var error: Tensor

    /// The most error an estimate may claim away from kinks, relative to the largest
    /// element of the gradient: ten times the worst honest truncation error seen (batch
    /// norm at 1e-3 scale, 1e-4).
    static let maximumRelativeError = 1e-3

    /// Rounding error of one evaluation of the function, relative to `Σ |f ⊙ dout|`:
    /// 64 ulps covers a forward pass of some dozens of float64 operations.
    static let evaluationRounding = 64 * Double.ulpOfOne

    /// How many elements may be kinks: 2, or a quarter of a larger tensor. One hidden
    /// unit near 0 after batch norm is a kink for a whole column of the weights before
    /// it (every weight moves the unit's normalized value): 10 of W2's 80 elements in
    /// a fresh `loss-batchnorm` case of seed 37.
    static func maximumKinks(of count: Int) -> Int { Swift.max(2, count / 4) }

    /// - Parameters:
    ///   - f: maps probe points (each in `x`'s shape) to outputs in `dout`'s shape.
    ///   - x: the point at which to differentiate.
    ///   - dout: the upstream gradient, in `f(x)`'s shape.
    ///   - h: the coarser step (the course's 1e-5).
    ///   - baseIsChecked: whether `f(x)` is compared with the reference elsewhere (a
    ///     network's loss by its gate). Then the rounding error of a value of its size
    ///     is allowed even where it exceeds the cap: a gradient that is all rounding
    ///     noise (an output bias under a saturated softmax, x at 1e3) has no scale of
    ///     its own. Unchecked, `f(x)` could be inflated to buy that margin.
    ///   - batchSize: the most probe points handed to `f` at once.
    public init(ofBatch f: ([Tensor]) -> [Tensor], at x: Tensor, dout: Tensor, h: Double = 1e-5,
                baseIsChecked: Bool = false, batchSize: Int = 256) {
        // Probes: x itself, then per element x + h, x − h, x + h/2, x − h/2.
        let offsets = [h, -h, h / 2, -h / 2]
        var sums = [Double](repeating: .nan, count: 1 + offsets.count * x.count)
        var magnitude = 0.0, baseMagnitude = Double.nan
        var start = 0
        while start < sums.count {
            let end = Swift.min(sums.count, start + Swift.max(1, batchSize))
            let probes = (start..<end).map { p -> Tensor in
                guard p > 0 else { return x }
                var probe = x
                let i = (p - 1) / offsets.count
                probe.setScalar(x.scalars[i] + offsets[(p - 1) % offsets.count], at: i)
                return probe
            }
            for (p, output) in zip(start..<end, f(probes)) where output.shape == dout.shape {
                sums[p] = (output * dout).sum().scalar
                let size = abs(output * dout).sum().scalar
                magnitude = size.isNaN ? .nan : Swift.max(magnitude, size)
                if p == 0 { baseMagnitude = size }
            }
            start = end
        }
        let f0 = sums[0]
        var value = [Double](repeating: 0, count: x.count), error = value, kink = value
        for i in 0..<x.count {
            let s = sums[(1 + offsets.count * i)...].prefix(offsets.count).map { $0 }
            // The steps actually taken (see `Curriculum.numericGradient`).
            let steps = offsets.map { (x.scalars[i] + $0) - x.scalars[i] }
            let coarse = (s[0] - s[1]) / (steps[0] - steps[1]), fine = (s[2] - s[3]) / (steps[2] - steps[3])
            value[i] = fine + (fine - coarse) / 3
            error[i] = Swift.abs(fine - coarse)
            // One-sided derivatives, each extrapolated from its two steps.
            let forward = 2 * (s[2] - f0) / steps[2] - (s[0] - f0) / steps[0]
            let backward = 2 * (s[3] - f0) / steps[3] - (s[1] - f0) / steps[1]
            kink[i] = Swift.max(Swift.abs(value[i] - forward), Swift.abs(value[i] - backward))
        }
        // The finer quotient divides two roundings of `magnitude` by its step, h; the
        // one-sided ones divide by h/2.
        let rounding = Self.evaluationRounding * magnitude / h
        let scale = value.lazy.map(Swift.abs).max() ?? 0
        let cap = Swift.max(Self.maximumRelativeError * scale,
                            baseIsChecked ? 4 * Self.evaluationRounding * baseMagnitude / h : 0)
        // Smooth, the one-sided extrapolations agree with the central one to O(h²)
        // and rounding; a kink puts them apart by the jump in slope.
        let kinks = (0..<x.count).filter {
            kink[$0] > 4 * rounding + cap || error[$0] + rounding > cap
        }
        let honest = kinks.count <= Self.maximumKinks(of: x.count) ? Set(kinks) : []
        self.value = Tensor(shape: x.shape, scalars: value)
        self.error = Tensor(shape: x.shape, scalars: (0..<x.count).map { i in
            let e = error[i] + rounding
            if e.isNaN || value[i].isNaN { return .nan }
            return honest.contains(i) ? Swift.max(e, kink[i] + 4 * rounding) : Swift.min(e, cap)
        })
    }
}
