import TensorKit

/// The course's `rel_error`: `max |x − y| / max(1e-8, |x| + |y|)` over all elements.
///
/// - Parameters:
///   - x, y: tensors of one shape.
/// - Returns: the largest elementwise relative error (0 for two empty tensors).
public func relativeError(_ x: Tensor, _ y: Tensor) -> Double {
    if x.shape != y.shape {
        shapeFailure("relativeError: shapes \(formatShape(x.shape)) and \(formatShape(y.shape)) differ")
    }
    return ((abs(x - y)) / maximum(abs(x) + abs(y), 1e-8)).scalars.max() ?? 0
}

/// The numeric gradient of `Σ f(x) ⊙ dout` with respect to `x`, by centered
/// differences: the course's `eval_numerical_gradient_array`.
///
/// For each element `x[i]`, evaluates `f` at `x[i] + h` and `x[i] − h` and takes
/// `Σ (f₊ − f₋) ⊙ dout / 2h`. Costs `2 · x.count` evaluations of `f`.
/// - Parameters:
///   - f: the function to differentiate; its output has `dout`'s shape.
///   - x: the point at which to differentiate.
///   - dout: the upstream gradient, in `f(x)`'s shape.
///   - h: the step (1e-5 in the course).
/// - Returns: the gradient, in `x`'s shape.
public func numericGradient(
    of f: (Tensor) throws -> Tensor, at x: Tensor, dout: Tensor, h: Double = 1e-5
) rethrows -> Tensor {
    var gradient = Tensor.zeros(like: x)
    var probe = x
    for i in 0..<x.count {
        let original = x.scalars[i]
        probe.setScalar(original + h, at: i)
        let plus = try f(probe)
        probe.setScalar(original - h, at: i)
        let minus = try f(probe)
        probe.setScalar(original, at: i)
        if plus.shape != dout.shape {
            shapeFailure("numericGradient: f returned shape \(formatShape(plus.shape)) but dout has shape \(formatShape(dout.shape))")
        }
        gradient.setScalar(((plus - minus) * dout).sum().scalar / (2 * h), at: i)
    }
    return gradient
}

/// The numeric gradient of a scalar function `f` with respect to `x`, by centered
/// differences: the course's `eval_numerical_gradient`.
public func numericGradient(
    ofScalar f: (Tensor) throws -> Double, at x: Tensor, h: Double = 1e-5
) rethrows -> Tensor {
    try numericGradient(of: { Tensor(try f($0)) }, at: x, dout: Tensor(1.0), h: h)
}
