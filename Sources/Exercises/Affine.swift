import Curriculum
import TensorKit

/// Exercise `affine`: a fully-connected layer, `out = x · w + b`.
///
/// Every row of `x` is one example; the layer mixes its `D` input values into `M`
/// outputs with one weight per (input, output) pair and adds one bias per output.
/// Handout: `assignments/01-affine/README.md`. Check: `swift run grader check affine`.
public struct Affine: AffineLayer {
    /// What ``forward(_:_:_:)`` hands to ``backward(_:cache:)``. Yours to design: add
    /// the stored properties the backward pass needs, and nothing it does not.
    public struct Cache {
        // keep what backward needs
    }

    public init() {}

    /// Computes `out = x · w + b` for a batch of `N` examples.
    ///
    /// An example need not be a flat vector: `x` may be `(N, 3, 32, 32)` for images.
    /// Read each example as one row of `D = d1 · … · dk` numbers, so that the batch is
    /// an `(N, D)` matrix, then multiply by `w` and add `b` to every row.
    ///
    /// - Parameters:
    ///   - x: inputs of shape `(N, d1, …, dk)`.
    ///   - w: weights of shape `(D, M)`.
    ///   - b: biases of shape `(M,)`.
    /// - Returns: `out` of shape `(N, M)`, and a cache holding what the backward pass
    ///   needs: the input (backward must give `dx` back in its original shape) and the
    ///   weights.
    ///
    /// Hints: `flattenedBatch()` turns `(N, d1, …, dk)` into `(N, D)`; `matmul` multiplies
    /// matrices; `+` broadcasts a `(M,)` tensor over the rows of an `(N, M)` one.
    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        TODO("affine")
    }

    /// The gradients of the loss with respect to `x`, `w` and `b`, given the gradient
    /// with respect to `out`.
    ///
    /// Write down the shapes first: each gradient has the shape of the thing it is the
    /// gradient of, and there is only one way to multiply the matrices at hand that
    /// gives that shape.
    ///
    /// - Parameters:
    ///   - dout: the upstream gradient `dL/dout`, shape `(N, M)`.
    ///   - cache: what ``forward(_:_:_:)`` returned.
    /// - Returns: `dx` in the shape `x` had, `(N, d1, …, dk)`; `dw` of shape `(D, M)`;
    ///   `db` of shape `(M,)`.
    ///
    /// Hints: `transposed()` swaps the two axes of a matrix. Every example used the same
    /// `b`, so `db` collects a contribution from every row of `dout`: reduce over axis 0,
    /// and make sure the result is `(M,)`, not `(1, M)`. `reshaped(_:)` brings `dx` from
    /// `(N, D)` back to `x`'s shape.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        TODO("affine")
    }
}
