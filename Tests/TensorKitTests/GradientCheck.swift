import Foundation
import TensorKit

/// The gradient of `Σ f(x) · weights` with respect to `x` by central differences,
/// `(L(x + h·eᵢ) − L(x − h·eᵢ)) / 2h` for every element `i`: the independent value a
/// backward pass is checked against (as the course's `eval_numerical_gradient_array`).
func numericGradient(of f: (Tensor) -> Tensor, at x: Tensor, weights: Tensor, step h: Double = 1e-5) -> Tensor {
    var gradient = Tensor.zeros(like: x)
    for i in 0..<x.count {
        var plus = x, minus = x
        plus.setScalar(x.scalars[i] + h, at: i)
        minus.setScalar(x.scalars[i] - h, at: i)
        let difference = (f(plus) * weights).sum().scalar - (f(minus) * weights).sum().scalar
        gradient.setScalar(difference / (2 * h), at: i)
    }
    return gradient
}

/// The largest difference between two tensors of one shape relative to their largest
/// elements: `max|a − b| / max(|a| + |b|)`.
///
/// A numeric gradient's error is the rounding error of the loss divided by the step,
/// about the same for every element; so it is measured against the gradient's scale,
/// not element by element, where an element near zero would show that same small
/// absolute error as a large relative one.
func relativeError(_ a: Tensor, _ b: Tensor) -> Double {
    precondition(a.shape == b.shape, "relativeError: shapes \(a.shape) and \(b.shape) differ")
    let difference = zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
    let scale = zip(a.scalars, b.scalars).map { Swift.abs($0) + Swift.abs($1) }.max() ?? 0
    return difference / Swift.max(scale, 1e-8)
}

/// The arrays scripts/conv_reference.py wrote for case `name`: `name_key.npy` in the
/// test data's Convolution folder.
func convolutionReference(_ name: String, _ key: String) throws -> Tensor {
    try Tensor(npyFile: testData("Convolution/\(name)_\(key).npy"))
}
