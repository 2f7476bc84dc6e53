import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in the affine layer's backward pass. Each layer runs the reference forward
// pass and takes from the reference the gradients it does not get wrong.

extension MistakeCatalog {
    /// Mistakes of the `affine` exercise.
    public static let affine: [Mistake] = [
        Mistake("affine-dx-not-reshaped", title: "dx left as (N, D), not reshaped to x's shape",
                hint: "Your dx has one row per example, but x came in as (N, d1, …, dk). The layer below expects a gradient it can add to its own output: what shape must it have?",
                handlers: .affine(FlatInputGradientAffine())),
        Mistake("affine-db-first-row", title: "db taken from one row of dout instead of summed over the batch",
                hint: "Your db only hears from one example. Every example in the batch adds b to its output: how many contributions does each bias's gradient collect?",
                handlers: .affine(FirstRowBiasGradientAffine())),
        Mistake("affine-db-row-shape", title: "db kept as a (1, M) row",
                hint: "Your db has the right numbers in the wrong shape: a (1, M) matrix where the bias is a vector (M,). After one update step, what shape would the bias itself have?",
                handlers: .affine(RowShapedBiasGradientAffine())),
        Mistake("affine-db-averaged", title: "db averaged over the batch instead of summed",
                hint: "Your db is N times too small. The loss already averages over the batch; where does that 1/N reach this layer, and should it be applied a second time?",
                handlers: .affine(AveragedBiasGradientAffine())),
        Mistake("affine-dw-unflattened-x", title: "x used unflattened in dw",
                hint: "Your dw has the shape of x's trailing axes, not (D, M). The forward pass read each example as a row of D numbers: does the backward pass read x the same way?",
                handlers: .affine(UnflattenedInputAffine())),
    ]
}

/// An affine layer that is the reference except for its `backward`.
protocol AffineBackwardMistake: AffineLayer where Cache == Affine.Cache {}

extension AffineBackwardMistake {
    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        Affine().forward(x, w, b)
    }
}

/// `dx = dout · wᵀ`, shape `(N, D)`, returned as it is.
struct FlatInputGradientAffine: AffineBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (_, dw, db) = Affine().backward(dout, cache: cache)
        return (dout.matmul(cache.w.transposed()), dw, db)
    }
}

/// `db = dout[0]`: the gradient of the first example only.
struct FirstRowBiasGradientAffine: AffineBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dx, dw, _) = Affine().backward(dout, cache: cache)
        return (dx, dw, dout[rows: 0..<1].flattened())
    }
}

/// `db` summed over the batch with the batch axis kept: shape `(1, M)`.
struct RowShapedBiasGradientAffine: AffineBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dx, dw, _) = Affine().backward(dout, cache: cache)
        return (dx, dw, dout.sum(axis: 0, keepDims: true))
    }
}

/// `db` as the mean of dout's rows.
struct AveragedBiasGradientAffine: AffineBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dx, dw, _) = Affine().backward(dout, cache: cache)
        return (dx, dw, dout.mean(axis: 0))
    }
}

/// `dw = xᵀ · dout` with `x` in its own shape `(N, d1, …, dk)`, as NumPy's `x.T.dot(dout)`
/// computes it: `xᵀ` reverses all the axes, so the product has shape `(dk, …, d1, M)`.
/// (With a 2-d `x` this is the right answer; the mistake shows on images.)
struct UnflattenedInputAffine: AffineBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dx, _, db) = Affine().backward(dout, cache: cache)
        let xT = cache.x.transposed()                                    // (dk, …, d1, N)
        let n = cache.x.shape[0]
        let dw = xT.reshaped(-1, n).matmul(dout).reshaped(Array(xT.shape.dropLast()) + [dout.shape[1]])
        return (dx, dw, db)
    }
}
