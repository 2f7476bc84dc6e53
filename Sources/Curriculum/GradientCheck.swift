import TensorKit

/// The course's `rel_error`: `max |x − y| / max(1e-8, |x| + |y|)` over all elements.
///
/// - Parameters:
///   - x, y: tensors of one shape.
/// - Returns: the largest elementwise relative error (0 for two empty tensors).
public func relativeError(_ x: Tensor, _ y: Tensor) -> Double {
    relativeErrors(x, y).scalars.max() ?? 0
}

/// The elementwise relative errors `|x − y| / max(1e-8, |x| + |y|)` of two tensors of
/// one shape; NaN where either is NaN.
public func relativeErrors(_ x: Tensor, _ y: Tensor) -> Tensor {
    if x.shape != y.shape {
        shapeFailure("relativeError: shapes \(formatShape(x.shape)) and \(formatShape(y.shape)) differ")
    }
    return abs(x - y) / maximum(abs(x) + abs(y), 1e-8)
}

/// The numeric gradient of `Σ f(x) ⊙ dout` with respect to `x`, by centered
/// differences: the course's `eval_numerical_gradient_array`.
///
/// For each element `x[i]`, evaluates `f` at `x[i] + h` and `x[i] − h` and takes
/// `Σ (f₊ − f₋) ⊙ dout / 2h`. Costs `2 · x.count` evaluations of `f`.
///
/// The step divided by is the one actually taken, `fl(x[i] + h) − fl(x[i] − h)`: at
/// `|x| = 1e3` it differs from `2h` by up to 1e-8 relative, which would otherwise show
/// as an error even for a function as linear as ReLU away from 0.
/// - Parameters:
///   - f: the function to differentiate; its output has `dout`'s shape.
///   - x: the point at which to differentiate.
///   - dout: the upstream gradient, in `f(x)`'s shape.
///   - h: the step (1e-5 in the course).
/// - Returns: the gradient, in `x`'s shape.
public func numericGradient(
    of f: (Tensor) throws -> Tensor, at x: Tensor, dout: Tensor, h: Double = 1e-5
) rethrows -> Tensor {
    try numericGradient(ofBatch: { try $0.map(f) }, at: x, dout: dout, h: h)
}

/// The numeric gradient of `Σ f(x) ⊙ dout`, with `f` evaluated on batches of probe
/// points at once (so that a grader can send them to another process in one message).
/// - Parameters:
///   - f: maps probe points (each in `x`'s shape) to outputs in `dout`'s shape, in order.
///   - batchSize: the most probe points handed to `f` at once.
public func numericGradient(
    ofBatch f: ([Tensor]) throws -> [Tensor], at x: Tensor, dout: Tensor, h: Double = 1e-5,
    batchSize: Int = 256
) rethrows -> Tensor {
    var gradient = Tensor.zeros(like: x)
    var start = 0
    while start < x.count {
        let end = Swift.min(x.count, start + Swift.max(1, batchSize / 2))
        var probes: [Tensor] = []
        probes.reserveCapacity(2 * (end - start))
        for i in start..<end {
            for sign in [1.0, -1.0] {
                var probe = x
                probe.setScalar(x.scalars[i] + sign * h, at: i)
                probes.append(probe)
            }
        }
        let outputs = try f(probes)
        if outputs.count != probes.count {
            shapeFailure("numericGradient: f returned \(outputs.count) outputs for \(probes.count) probes")
        }
        for i in start..<end {
            let plus = outputs[2 * (i - start)], minus = outputs[2 * (i - start) + 1]
            if plus.shape != dout.shape || minus.shape != dout.shape {
                shapeFailure("numericGradient: f returned shape \(formatShape(plus.shape)) but dout has shape \(formatShape(dout.shape))")
            }
            let step = (x.scalars[i] + h) - (x.scalars[i] - h)
            gradient.setScalar(((plus - minus) * dout).sum().scalar / step, at: i)
        }
        start = end
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
