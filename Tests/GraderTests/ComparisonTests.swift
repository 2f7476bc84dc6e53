import Curriculum
import Foundation
import Testing
import TensorKit
@testable import GraderKit

/// How the judge compares values: the course's relative error, except where rounding
/// or a numeric gradient's own error makes it meaningless.
@Suite("Comparisons")
struct ComparisonTests {
    @Test("a value that is zero in theory passes with rounding noise of the case's scale, not a real difference")
    func zeroTruthUsesAnAbsoluteTolerance() {
        // The published loss-batchnorm fixture holds 1.1e-16 where NumPy computes 0.
        let noise = Comparison.of("grad.b1", Tensor([0, 0]), Tensor([1.1e-16, -2e-16]), reference: "fixture",
                                  threshold: 1e-8, scale: 1.3)
        #expect(noise.passed)
        #expect(Comparison.of("grad.b1", Tensor([0, 0]), Tensor([1.1e-16, -2e-16]), reference: "fixture",
                              threshold: 1e-8).error > 1e-8, "without a scale, the course's floor of 1e-8 fails it")
        let wrong = Comparison.of("grad.b1", Tensor([1e-9, 0]), Tensor([0, 0]), reference: "fixture",
                                  threshold: 1e-8, scale: 1.3)
        #expect(!wrong.passed && wrong.index == [0])
    }

    @Test("a difference within the expected value's allowance passes, one beyond it fails; a NaN never passes")
    func allowances() {
        let expected = Tensor([1.0, 2.0]), got = Tensor([1.0 + 1e-4, 2.0])
        #expect(Comparison.of("dx", got, expected, reference: "numeric", threshold: 1e-8,
                              allowance: Tensor([1e-4, 0])).passed)
        #expect(!Comparison.of("dx", got, expected, reference: "numeric", threshold: 1e-8,
                               allowance: Tensor([1e-5, 0])).passed)
        #expect(!Comparison.of("dx", got, expected, reference: "numeric", threshold: 1e-8,
                               allowance: Tensor([.nan, 0])).passed)
        #expect(!Comparison.of("dx", Tensor([.nan, 2]), expected, reference: "numeric", threshold: 1e-8,
                               allowance: Tensor([1, 1])).passed)
    }

    @Test("the numeric gradient of ReLU at |x| near 1e3 is exact: it divides by the step actually taken")
    func reluAtLargeInputs() {
        var g = SeededGenerator(seed: 3)
        let x = Tensor.randomNormal([8, 8], mean: 0, standardDeviation: 1, using: &g) * 1e3 + 0.5
        let dout = Tensor.randomNormal([8, 8], mean: 0, standardDeviation: 1, using: &g)
        let numeric = numericGradient(of: { maximum($0, 0) }, at: x, dout: dout)
        #expect(relativeError(numeric, dout * (x .> 0.0)) < 1e-14)
    }

    @Test("a numeric gradient's error estimate covers its truncation error and is small for a smooth function")
    func errorEstimate() {
        // d/dx Σ sin(x/s) ⊙ dout = cos(x/s)/s ⊙ dout: at s = 5e-4 the step 1e-5 is 2 % of the scale.
        let s = 5e-4
        let x = Tensor([0.3, -1.2, 2.0]) * s, dout = Tensor([1.0, -0.5, 2.0])
        let estimate = NumericGradientEstimate(of: { ($0 / s).map { Foundation.sin($0) } }, at: x, dout: dout)
        let exact = (x / s).map { Foundation.cos($0) } / s * dout
        let plain = numericGradient(of: { ($0 / s).map { Foundation.sin($0) } }, at: x, dout: dout)
        #expect(relativeError(plain, exact) > 1e-5, "plain central differences are off here")
        #expect(Comparison.of("dx", estimate.value, exact, reference: "exact", threshold: 1e-8,
                              allowance: estimate.error).passed)
        #expect(estimate.error.max().scalar < 1e-3 * abs(exact).max().scalar)
    }

    @Test("at a few kinks (ReLU inputs at 0 or within a step of it) either one-sided derivative passes; at many, none")
    func kinks() {
        let relu = { (x: Tensor) in maximum(x, 0) }
        let dout = Tensor([1.5, -2.0, 0.5, 1.0, -1.0, 2.0, 0.3, -0.7, 1.1, 0.9])
        func passes(_ x: Tensor) -> Bool {
            let estimate = NumericGradientEstimate(of: relu, at: x, dout: dout)
            return Comparison.of("dx", dout * (x .> 0.0), estimate.value, reference: "numeric", threshold: 1e-8,
                                 allowance: estimate.error).passed
        }
        #expect(passes(Tensor([0.0, 3e-6, 0.5, -0.2, 1.0, -1.5, 0.7, -0.9, 2.0, -0.3])))
        // Central differences alone put those two elements off by half the slope's jump.
        #expect(relativeError(numericGradient(of: { maximum($0, 0) }, at: Tensor([0.0, 3e-6]), dout: Tensor([1.5, -2.0])),
                              Tensor([0, -2.0])) > 0.1)
        #expect(!passes(Tensor([0.0, 0, 0, 1e-6, 0.5, -0.2, 1.0, -1.5, 0.7, -0.9])),
                "four kinks in ten elements are more than a forward can honestly have")
    }

    @Test("a small element's kink within the step is estimated with a smaller step, though the tensor's largest element would hide it")
    func smallElementNearTie() {
        // out = [max(x0, x1), x2²]: x1 is 3e-6 below x0 (a near-tie inside a max-pooling
        // window), and x2's gradient, 5, sets the tensor's scale.
        let x = Tensor([1e-3, 1e-3 - 3e-6, 2.5]), dout = Tensor([0.011, 1])
        let f = { (x: Tensor) in Tensor([Swift.max(x.scalars[0], x.scalars[1]), x.scalars[2] * x.scalars[2]]) }
        let estimate = NumericGradientEstimate(of: f, at: x, dout: dout)
        let exact = Tensor([0.011, 0, 5])
        #expect(Comparison.of("dx", exact, estimate.value, reference: "numeric", threshold: 1e-8,
                              allowance: estimate.error).passed)
        #expect(estimate.error.max().scalar < 1e-6, "estimated outside the tie, where the function is smooth")
    }

    @Test("a bias that moves many ReLU inputs, several within a step of 0 but none at it, is estimated with a smaller step")
    func kinksNearThePoint() {
        // out[k, j] = relu(b[k] + offsets[j]): at b = 0 every bias has three kinks within
        // the step 1e-5 (as a network's first bias has on inputs at 1e-3), none within 1e-7.
        let offsets = Tensor([3e-6, -4e-6, 0.5, -0.2, 8e-6]).reshaped(1, 5)
        let layer = { (b: Tensor) in maximum(b.reshaped(3, 1) + offsets, 0) }
        let estimate = NumericGradientEstimate(of: layer, at: Tensor([0.0, 0, 0]), dout: .ones(3, 5))
        // Three of the five inputs of each row are positive.
        let exact = Tensor([3.0, 3, 3])
        #expect(Comparison.of("db", exact, estimate.value, reference: "numeric", threshold: 1e-8,
                              allowance: estimate.error).passed)
        #expect(estimate.error.max().scalar < 1e-6, "the smaller step's estimate is smooth, so its error is small")
        #expect(relativeError(numericGradient(of: layer, at: Tensor([0.0, 0, 0]), dout: .ones(3, 5)), exact) > 1e-3,
                "central differences at the course's step are off by the kinks")
    }

    @Test("a bias with ReLU inputs within even the smaller step of 0, but none at it, is estimated with a smaller step still")
    func kinksVeryNearThePoint() {
        // As `kinksNearThePoint`, with two of each row's inputs within 1e-7 of 0 as well
        // (a first bias of 1e-3 on inputs at 1e-3: the reference failed
        // `convnet/deep-gradient` on seed 766 so), none within 1e-9.
        let offsets = Tensor([3e-6, -4e-6, 5e-8, -8e-8, 0.5, -0.2]).reshaped(1, 6)
        let layer = { (b: Tensor) in maximum(b.reshaped(3, 1) + offsets, 0) }
        let estimate = NumericGradientEstimate(of: layer, at: Tensor([0.0, 0, 0]), dout: .ones(3, 6))
        let exact = Tensor([3.0, 3, 3])
        #expect(Comparison.of("db", exact, estimate.value, reference: "numeric", threshold: 1e-8,
                              allowance: estimate.error).passed)
    }
}
