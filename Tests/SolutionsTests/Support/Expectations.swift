import Curriculum
import Testing
import TensorKit

/// Expects `actual` to have `expected`'s shape and to be within `threshold` of it in
/// the course's relative error (``relativeError(_:_:)``). A failure names what was
/// compared, the error and the threshold, and where the largest difference is.
/// - Parameters:
///   - actual: the value under test.
///   - expected: the value it should have.
///   - threshold: the largest acceptable relative error.
///   - what: what is compared, e.g. `"dx"`.
func expectClose(
    _ actual: Tensor, _ expected: Tensor, below threshold: Double, _ what: String = "value",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.shape == expected.shape else {
        Issue.record("\(what): shape \(formatShape(actual.shape)), expected \(formatShape(expected.shape))",
                     sourceLocation: sourceLocation)
        return
    }
    let error = relativeError(actual, expected)
    if error <= threshold { return }
    let worst = abs(actual - expected).argmax()
    Issue.record("""
        \(what): relative error \(error) exceeds \(threshold); largest difference at \
        \(actual.multiIndex(ofFlatIndex: worst)): \(actual.scalars[worst]), expected \(expected.scalars[worst])
        """, sourceLocation: sourceLocation)
}

/// Expects an analytic gradient to match the numeric gradient of `Σ f(x) ⊙ dout` with
/// respect to `x` (centered differences, as the course's `eval_numerical_gradient_array`),
/// within `threshold` relative error.
/// - Parameters:
///   - analytic: the gradient under test, in `x`'s shape.
///   - f: the function of `x` alone (it closes over the other inputs).
///   - x: the point at which to differentiate.
///   - dout: the upstream gradient, in `f(x)`'s shape.
///   - h: the step; the course's `1e-5` unless `f` is linear in `x` (see
///     ``linearStep``).
///   - threshold: the largest acceptable relative error.
///   - what: which gradient, e.g. `"dgamma"`.
func expectNumericGradient(
    _ analytic: Tensor, of f: (Tensor) -> Tensor, at x: Tensor, dout: Tensor, h: Double = 1e-5,
    below threshold: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose(analytic, numericGradient(of: f, at: x, dout: dout, h: h), below: threshold,
                "\(what) against its numeric gradient", sourceLocation: sourceLocation)
}

/// The step for the numeric gradient of a function that is linear in the input
/// (affine in `x`, `w` or `b`; dropout with a fixed mask): its centered difference is
/// exact at any step, so a step of 1 removes the rounding error `≈ ε·|out| / h` that
/// the course's `h = 1e-5` magnifies 10⁵-fold. (With `h = 1e-5`, the relative error of a
/// correct affine layer on the course's shapes exceeds 1e-10 for most seeds: the
/// rounding error is largest, relatively, at gradient entries close to zero.)
let linearStep = 1.0
