// Matrix products.

extension Tensor {
    /// The matrix product of two 2-d tensors: `(n, k) · (k, m) → (n, m)`.
    public func matmul(_ other: Tensor) -> Tensor {
        if rank != 2 || other.rank != 2 {
            shapeFailure("matmul: needs two 2-d tensors, got shapes \(formatShape(shape)) and \(formatShape(other.shape))")
        }
        let (n, k, m) = (shape[0], shape[1], other.shape[1])
        if other.shape[0] != k {
            shapeFailure("matmul: shapes \(formatShape(shape)) and \(formatShape(other.shape)) not aligned: \(k) (dim 1) != \(other.shape[0]) (dim 0)")
        }
        var out = [Double](repeating: 0, count: n * m)
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n {
                        for p in 0..<k {
                            let x = a[i * k + p]
                            for j in 0..<m { c[i * m + j] += x * b[p * m + j] }
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: [n, m], out)
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
