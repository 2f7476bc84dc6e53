// Matrix products.

extension Tensor {
    /// The matrix product of two 2-d tensors, `(m, k) · (k, n) → (m, n)`, optionally
    /// with either operand transposed first.
    ///
    /// Backward passes need products with a transposed operand: an affine layer's
    /// weight gradient is `x.matmul(dout, transposingSelf: true)`, the same as
    /// `x.transposed().matmul(dout)` but without building the transpose (the kernel
    /// reads the operand transposed while it packs it).
    ///
    /// Big products run on all cores; see `MatMulKernel` for how the kernel works.
    /// - Parameters:
    ///   - other: the right operand.
    ///   - transposingSelf: use the transpose of `self` as the left operand.
    ///   - transposingOther: use the transpose of `other` as the right operand.
    public func matmul(
        _ other: Tensor, transposingSelf: Bool = false, transposingOther: Bool = false
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
        var out = [Double](repeating: 0, count: m * n)
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress
                    else { return }  // an empty operand: the product is all zeros
                    // Row-major strides of the stored operands, swapped when transposed.
                    let (aRow, aColumn) = transposingSelf ? (1, shape[1]) : (shape[1], 1)
                    let (bRow, bColumn) = transposingOther ? (1, other.shape[1]) : (other.shape[1], 1)
                    MatMulKernel.multiply(
                        StridedMatrix(base: a, rowStride: aRow, columnStride: aColumn),
                        StridedMatrix(base: b, rowStride: bRow, columnStride: bColumn),
                        into: c, m: m, k: k, n: n)
                }
            }
        }
        return Tensor(unchecked: [m, n], out)
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
