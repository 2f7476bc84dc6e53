import Curriculum
import TensorKit
import WorkerKit

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
/// the jump in slope. Such an element is estimated again with a step 64 times smaller
/// (and, if still kinked, 64 times smaller again), which most kinks near the point are
/// not within; one at the point itself stays. There
/// the one-sided derivatives, each from the side without the kink, differ by the jump;
/// the element's error is then how far the central estimate is from either, uncapped:
/// any value between the two one-sided derivatives passes (at `x = 0` exactly, ReLU's
/// `dx` may be either). At most ``maximumKinks(of:)`` elements are treated so, so that
/// a forward that fakes kinks at every probe gains nothing: on the other three
/// quarters it must still match both the reference's gradients (the gate) and its own
/// backward.
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
    ///   - f: maps probes (`x` with one element changed; the point itself is probed as
    ///     its element 0 set to its own value) to outputs in `dout`'s shape.
    ///   - x: the point at which to differentiate.
    ///   - dout: the upstream gradient, in `f(x)`'s shape.
    ///   - h: the coarser step (the course's 1e-5).
    ///   - baseIsChecked: whether `f(x)` is compared with the reference elsewhere (a
    ///     network's loss by its gate). Then the rounding error of a value of its size
    ///     is allowed even where it exceeds the cap: a gradient that is all rounding
    ///     noise (an output bias under a saturated softmax, x at 1e3) has no scale of
    ///     its own. Unchecked, `f(x)` could be inflated to buy that margin.
    ///   - batchSize: the most probe points handed to `f` at once.
    public init(ofProbes f: ([ProbePoint]) -> [Tensor], at x: Tensor, dout: Tensor, h: Double = 1e-5,
                baseIsChecked: Bool = false, batchSize: Int = 256) {
        let itself = x.count > 0 ? [ProbePoint(index: 0, value: x.scalars[0])] : []
        let base = f(itself).first.flatMap { $0.shape == dout.shape ? $0 : nil }
        let f0 = base.map { ($0 * dout).sum().scalar } ?? .nan
        let baseMagnitude = base.map { abs($0 * dout).sum().scalar } ?? .nan
        var steps = Self.differences(f, at: x, dout: dout, elements: Array(0..<x.count), h: h, f0: f0,
                                     batchSize: batchSize)
        var magnitude = Swift.max(baseMagnitude, steps.magnitude)
        // The finer quotient divides two roundings of `magnitude` by its step, h; the
        // one-sided ones divide by h/2.
        var rounding = [Double](repeating: Self.evaluationRounding * magnitude / h, count: x.count)
        let scale = steps.value.lazy.map(Swift.abs).max() ?? 0
        let cap = Swift.max(Self.maximumRelativeError * scale,
                            baseIsChecked ? 4 * Self.evaluationRounding * baseMagnitude / h : 0)
        // Smooth, the one-sided extrapolations agree with the central one to O(h²)
        // and rounding; a kink puts them apart by the jump in slope.
        func isKink(_ kink: Double, _ error: Double, _ rounding: Double) -> Bool {
            kink > 4 * rounding + cap || error + rounding > cap
        }
        // A kink within the step but not at the point (a parameter that moves many
        // ReLU inputs, some of them within h of 0, as the first bias of a network on
        // inputs at 1e-3 does) is most often outside a step 64 times smaller, where
        // rounding costs 64 times more: take that estimate where it is smooth. An
        // element is looked at again also when its one-sided derivatives are apart by
        // more than a millionth of its own size: the cap is relative to the largest
        // element, so a small element's kink (a near-tie in one of the max-pooling
        // windows an input wins, on inputs at 1e-3) can hide below it.
        //
        // Where inputs are packed closer still (a first bias of 1e-3 on inputs at 1e-3,
        // so that the whole channel's ReLU inputs lie within 1e-3 of 0), the smaller step
        // can have kinks of its own: those elements are estimated once more, 64 times
        // smaller again; rounding is then some 1e-5 of the function's size, still far
        // below a threshold on this one element.
        var suspects = (0..<x.count).filter {
            isKink(steps.kink[$0], steps.error[$0], rounding[$0])
                || steps.kink[$0] > 4 * rounding[$0] + 1e-6 * Swift.abs(steps.value[$0])
        }
        for small in [h / 64, h / 4096] where !suspects.isEmpty {
            let finer = Self.differences(f, at: x, dout: dout, elements: suspects, h: small, f0: f0, batchSize: batchSize)
            magnitude = Swift.max(magnitude, finer.magnitude)
            let r = Self.evaluationRounding * magnitude / small
            var kinked: [Int] = []
            for (k, i) in suspects.enumerated() {
                if isKink(finer.kink[k], finer.error[k], r) {
                    kinked.append(i)
                } else {
                    (steps.value[i], steps.error[i], steps.kink[i], rounding[i]) = (finer.value[k], finer.error[k], finer.kink[k], r)
                }
            }
            suspects = kinked
        }
        let kinks = (0..<x.count).filter { isKink(steps.kink[$0], steps.error[$0], rounding[$0]) }
        let honest = kinks.count <= Self.maximumKinks(of: x.count) ? Set(kinks) : []
        self.value = Tensor(shape: x.shape, scalars: steps.value)
        self.error = Tensor(shape: x.shape, scalars: (0..<x.count).map { i in
            let e = steps.error[i] + rounding[i]
            if e.isNaN || steps.value[i].isNaN { return .nan }
            return honest.contains(i) ? Swift.max(e, steps.kink[i] + 4 * rounding[i]) : Swift.min(e, cap)
        })
    }

    /// Central differences of `Σ f(x) ⊙ dout` at steps `h` and `h/2` for the given
    /// elements of `x`, extrapolated.
    /// - Parameters:
    ///   - f0: `Σ f(x) ⊙ dout` itself, for the one-sided derivatives.
    /// - Returns: per element (in `elements`' order): the extrapolated value, its error
    ///   (the two steps' difference), and how far the one-sided derivatives are from
    ///   it; and the largest `Σ |f ⊙ dout|` of the probes.
    private static func differences(_ f: ([ProbePoint]) -> [Tensor], at x: Tensor, dout: Tensor, elements: [Int],
                                    h: Double, f0: Double, batchSize: Int)
        -> (value: [Double], error: [Double], kink: [Double], magnitude: Double) {
        // Probes: per element x + h, x − h, x + h/2, x − h/2.
        let offsets = [h, -h, h / 2, -h / 2]
        var sums = [Double](repeating: .nan, count: offsets.count * elements.count)
        var magnitude = 0.0
        var start = 0
        while start < sums.count {
            let end = Swift.min(sums.count, start + Swift.max(1, batchSize))
            let probes = (start..<end).map { p -> ProbePoint in
                let i = elements[p / offsets.count]
                return ProbePoint(index: i, value: x.scalars[i] + offsets[p % offsets.count])
            }
            for (p, output) in zip(start..<end, f(probes)) where output.shape == dout.shape {
                sums[p] = (output * dout).sum().scalar
                let size = abs(output * dout).sum().scalar
                magnitude = size.isNaN ? .nan : Swift.max(magnitude, size)
            }
            start = end
        }
        var value: [Double] = [], error: [Double] = [], kink: [Double] = []
        for (k, i) in elements.enumerated() {
            let s = Array(sums[(offsets.count * k)..<(offsets.count * (k + 1))])
            // The steps actually taken (see `Curriculum.numericGradient`).
            let steps = offsets.map { (x.scalars[i] + $0) - x.scalars[i] }
            let coarse = (s[0] - s[1]) / (steps[0] - steps[1]), fine = (s[2] - s[3]) / (steps[2] - steps[3])
            let extrapolated = fine + (fine - coarse) / 3
            // One-sided derivatives, each extrapolated from its two steps.
            let forward = 2 * (s[2] - f0) / steps[2] - (s[0] - f0) / steps[0]
            let backward = 2 * (s[3] - f0) / steps[3] - (s[1] - f0) / steps[1]
            value.append(extrapolated)
            error.append(Swift.abs(fine - coarse))
            kink.append(Swift.max(Swift.abs(extrapolated - forward), Swift.abs(extrapolated - backward)))
        }
        return (value, error, kink, magnitude)
    }
}

extension NumericGradientEstimate {
    /// The estimate for a function of the whole point, evaluated at each probe in turn.
    /// - Parameters:
    ///   - f: maps a point in `x`'s shape to an output in `dout`'s shape.
    public init(of f: (Tensor) -> Tensor, at x: Tensor, dout: Tensor, h: Double = 1e-5) {
        self.init(ofProbes: { probes in
            probes.map { probe in
                var point = x
                point.setScalar(probe.value, at: probe.index)
                return f(point)
            }
        }, at: x, dout: dout, h: h)
    }
}
