// Matrix products.

extension Tensor {
    /// The matrix product of two 2-d tensors, `(m, k) · (k, n) → (m, n)`, optionally
    /// with either operand transposed first.
    ///
    /// Backward passes need products with a transposed operand: an affine layer's
    /// weight gradient is `x.transposed().matmul(dout)`, or the same as
    /// `x.matmul(dout, transposingSelf: true)`. Neither builds the transpose: a
    /// transposed view (see ``transposed()``) is read in place, as the flags' operands
    /// are, while the kernel packs it.
    ///
    /// Big products run on all cores; see `MatMulKernel` for how the kernel works.
    /// A product of a million multiply-adds or more is computed when its elements are
    /// first read, not here (a network's backward pass computes an input gradient of
    /// the first layer that nothing reads; see `DeferredProduct`): the result is the
    /// same, but the time is spent where the elements are read.
    /// - Parameters:
    ///   - other: the right operand.
    ///   - transposingSelf: use the transpose of `self` as the left operand.
    ///   - transposingOther: use the transpose of `other` as the right operand.
    public func matmul(
        _ other: Tensor, transposingSelf: Bool = false, transposingOther: Bool = false
    ) -> Tensor {
        matmul(other, transposingSelf: transposingSelf, transposingOther: transposingOther, kernel: .fastest)
    }

    /// ``matmul(_:transposingSelf:transposingOther:)`` on the given micro-kernel, which
    /// this CPU must support: the tests run every kernel the CPU has.
    func matmul(
        _ other: Tensor, transposingSelf: Bool, transposingOther: Bool, kernel: MatMulKernel.Choice
    ) -> Tensor {
        if rank != 2 || other.rank != 2 {
            shapeFailure("matmul: needs two 2-d tensors, got shapes \(formatShape(shape)) and \(formatShape(other.shape))")
        }
        let left = transposingSelf ? [shape[1], shape[0]] : shape
        let right = transposingOther ? [other.shape[1], other.shape[0]] : other.shape
        let (m, k, n) = (left[0], left[1], right[1])
        if right[0] != k {
            shapeFailure("matmul: shapes \(formatShape(left)) and \(formatShape(right)) not aligned: \(k) (dim 1) != \(right[0]) (dim 0)")
        }
        let operands = DeferredProduct.Operands(
            left: self, right: other, transposingLeft: transposingSelf, transposingRight: transposingOther,
            kernel: kernel)
        if m * k * n < DeferredProduct.work {
            return Tensor(unchecked: [m, n], Tensor.productNow(operands))
        }
        var product = Tensor(unchecked: [m, n], [])
        product.deferred = DeferredProduct(operands)
        return product
    }

    /// The row-major elements of a product whose shapes `matmul` has checked, computed now.
    static func productNow(_ operands: DeferredProduct.Operands) -> [Double] {
        let (left, right) = (operands.left, operands.right)
        let (m, k) = operands.transposingLeft ? (left.shape[1], left.shape[0]) : (left.shape[0], left.shape[1])
        let n = operands.transposingRight ? right.shape[0] : right.shape[1]
        return Tensor.filling([m, n]) { c in
            left.storedElements.withUnsafeBufferPointer { a in
                right.storedElements.withUnsafeBufferPointer { b in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else {
                        // An empty operand: the product is all zeros (or has no elements).
                        c.initialize(repeating: 0)
                        return
                    }
                    MatMulKernel.multiply(
                        left.matrix(at: a, transposed: operands.transposingLeft),
                        right.matrix(at: b, transposed: operands.transposingRight),
                        into: c, m: m, k: k, n: n, kernel: operands.kernel)
                }
            }
        }.storage
    }

    /// The elements as `matrix(at:transposed:)` reads them: those in `storage` (for a
    /// transposed view, its matrix's), or deferred ones, computed now.
    private var storedElements: [Double] { deferred?.rowMajor() ?? storage }

    /// The micro-kernel `matmul` runs in this process, with its tile ("AVX-512 8×16" or
    /// "portable 6×8"), for benchmarks to report: AVX-512 where the CPU has it, unless
    /// the environment variable `TENSORKIT_NO_AVX512` is set.
    public static var matmulKernel: String { MatMulKernel.Choice.fastest.description }

    /// This matrix, or its transpose, read from its storage at `base`.
    private func matrix(at base: UnsafePointer<Double>, transposed: Bool) -> StridedMatrix {
        // A row-major matrix steps (columns, 1) per row and column; a transposed view
        // reads the row-major matrix in storage, (1, rows).
        let stored = transposition == nil
            ? StridedMatrix(base: base, rowStride: shape[1], columnStride: 1)
            : StridedMatrix(base: base, rowStride: 1, columnStride: shape[0])
        return transposed ? stored.transposed : stored
    }

    /// NumPy's `dot` for 1-d and 2-d operands: the inner product of two vectors, or a
    /// matrix product where a vector acts as a row (left) or a column (right).
    public func dot(_ other: Tensor) -> Tensor {
        switch (rank, other.rank) {
        case (1, 1):
            if count != other.count {
                shapeFailure("dot: shapes \(formatShape(shape)) and \(formatShape(other.shape)) not aligned: \(count) (dim 0) != \(other.count) (dim 0)")
            }
            return (self * other).sum()
        case (1, 2): return reshaped(1, count).matmul(other).reshaped(other.shape[1])
        case (2, 1): return matmul(other.reshaped(other.count, 1)).reshaped(shape[0])
        default: return matmul(other)
        }
    }
}
