import Curriculum
import TensorKit

/// Exercise `convnet`: Convolutional network.
///
/// AUTHOR-TODO: a paragraph for the student: what the layer does and why it matters.
/// Handout: `assignments/11-convnet/README.md`. Check: `swift run grader check convnet`.
public struct ConvNet: ConvNetLayer {
    /// What ``forward(_:)`` hands to ``backward(_:cache:)``. Yours to design: add the
    /// stored properties the backward pass needs.
    public struct Cache {
        // keep what backward needs
    }

    public init() {}

    /// AUTHOR-TODO: what the forward pass computes, in the student's terms.
    ///
    /// - Parameter x: inputs of any shape.
    /// - Returns: `out` in `x`'s shape, and a cache with what the backward pass needs.
    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        TODO("convnet")
    }

    /// AUTHOR-TODO: the gradient with respect to `x`, and a hint towards it.
    ///
    /// - Parameters:
    ///   - dout: the upstream gradient `dL/dout`, in `x`'s shape.
    ///   - cache: what ``forward(_:)`` returned.
    /// - Returns: `dx` in `x`'s shape.
    public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
        TODO("convnet")
    }
}
