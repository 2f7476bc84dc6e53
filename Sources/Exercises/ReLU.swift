import Curriculum
import TensorKit

/// Exercise `relu`: the rectified linear unit, `out = max(0, x)`, element by element.
///
/// The non-linearity between two affine layers: without it, two affine layers in a
/// row would collapse into one.
/// Handout: `assignments/02-relu/README.md`. Check: `swift run grader check relu`.
public struct ReLU: ReLULayer {
    /// What ``forward(_:)`` hands to ``backward(_:cache:)``. Yours to design: add the
    /// stored properties the backward pass needs.
    public struct Cache {
        // keep what backward needs
    }

    public init() {}

    /// Replaces every negative element of `x` by zero and keeps the others.
    ///
    /// - Parameter x: inputs of any shape.
    /// - Returns: `out` in `x`'s shape, and a cache with enough to tell, for every
    ///   element, whether it went through or was cut off.
    ///
    /// Hint: TensorKit's `maximum(_:_:)` takes a tensor and a number.
    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        TODO("relu")
    }

    /// The gradient with respect to `x`: the upstream gradient where the unit was
    /// active, zero where it was not.
    ///
    /// - Parameters:
    ///   - dout: the upstream gradient `dL/dout`, in `x`'s shape.
    ///   - cache: what ``forward(_:)`` returned.
    /// - Returns: `dx` in `x`'s shape.
    ///
    /// Hints: the derivative of `max(0, x)` is 1 for `x > 0` and 0 for `x < 0` (at exactly
    /// 0 the course takes 0). A comparison such as `x .> 0` gives a tensor of ones and
    /// zeros you can multiply by.
    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        TODO("relu")
    }
}
