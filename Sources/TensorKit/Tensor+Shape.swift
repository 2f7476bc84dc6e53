// Changing shape and rearranging elements.

extension Tensor {
    /// The same elements in a new shape; one extent may be `-1`, inferred from the rest.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        let known = newShape.filter { $0 != -1 }.reduce(1, *)
        let describe = { "cannot reshape \(self.count) elements into \(formatShape(newShape))" }
        if inferred.count > 1 { shapeFailure(describe() + ": can only specify one unknown dimension") }
        if newShape.contains(where: { $0 < -1 }) { shapeFailure(describe()) }
        if let axis = inferred.first {
            if known == 0 || count % known != 0 { shapeFailure(describe()) }
            resolved[axis] = count / known
        } else if known != count {
            shapeFailure(describe())
        }
        return withElements(shapedAs: resolved)
    }
    /// The same elements in a new shape; one extent may be `-1`.
    public func reshaped(_ newShape: Int...) -> Tensor { reshaped(newShape) }

    /// The elements as a 1-d tensor.
    public func flattened() -> Tensor { withElements(shapedAs: [count]) }

    /// A batch flattened to a matrix: shape `(N, d1, …, dk)` becomes `(N, d1 ⋯ dk)`.
    public func flattenedBatch() -> Tensor {
        if rank == 0 { shapeFailure("cannot flatten a 0-d tensor into a batch") }
        return withElements(shapedAs: [shape[0], shape.dropFirst().reduce(1, *)])
    }

    /// The axes reversed; for a matrix, its transpose.
    ///
    /// A matrix's transpose is a view, as NumPy's `x.T` is: it holds the same elements,
    /// which `matmul` reads transposed in place, and builds its own row-major elements
    /// only when something else reads them (once). So `x.transposed().matmul(dout)` costs
    /// the product alone.
    public func transposed() -> Tensor { permuted(Array((0..<rank).reversed())) }

    /// The axes rearranged: axis `i` of the result is axis `axes[i]` of this tensor
    /// (NumPy's `transpose(axes)`).
    public func transposed(_ axes: Int...) -> Tensor { permuted(axes) }

    /// The axes rearranged: axis `i` of the result is axis `axes[i]` of this tensor.
    public func permuted(_ axes: [Int]) -> Tensor {
        let resolved = axes.map { normalizedAxis($0, rank: rank) }
        if resolved.count != rank || Set(resolved).count != rank {
            shapeFailure("axes \(axes) don't match a \(rank)-d tensor of shape \(formatShape(shape))")
        }
        if resolved == Array(0..<rank) { return self }
        let newShape = resolved.map { shape[$0] }
        if rank == 2 { return transposedMatrix() }  // axes [1, 0]
        if count == 0 { return Tensor(unchecked: newShape, []) }
        var sourceStrides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) {
            sourceStrides[axis] = sourceStrides[axis + 1] * shape[axis + 1]
        }
        let strides = resolved.map { sourceStrides[$0] }
        let inner = newShape[rank - 1], innerStride = strides[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        return Tensor.filling(newShape) { dst in
            scalars.withUnsafeBufferPointer { src in
                var offset = 0, o = 0
                while o < dst.count {
                    for j in 0..<inner { dst[o + j] = src[offset + j * innerStride] }
                    o += inner
                    var axis = rank - 2
                    while axis >= 0 {
                        index[axis] += 1
                        offset += strides[axis]
                        if index[axis] < newShape[axis] { break }
                        offset -= strides[axis] * newShape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
        }
    }

    /// The transpose of a matrix: a view of the same elements (see ``transposed()``).
    private func transposedMatrix() -> Tensor {
        let newShape = [shape[1], shape[0]]
        // A matrix with one row or column (or none) has its elements in the same order
        // as its transpose, and the transpose of a view is the matrix it views.
        if shape[0] <= 1 || shape[1] <= 1 { return withElements(shapedAs: newShape) }
        if transposition != nil { return Tensor(unchecked: newShape, storage) }
        // (Deferred elements are computed here, for the view to read in place.)
        var view = Tensor(unchecked: newShape, scalars)
        view.transposition = TransposedElements()
        return view
    }

    /// A new axis of extent 1 inserted at `axis` (NumPy's `expand_dims`).
    public func expandingDims(at axis: Int) -> Tensor {
        let position = normalizedAxis(axis, rank: rank + 1)
        var newShape = shape
        newShape.insert(1, at: position)
        return Tensor(unchecked: newShape, scalars)
    }

    /// Tensors joined along an existing axis; all other extents must agree.
    public static func concatenate(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        guard let first = tensors.first else { shapeFailure("need at least one tensor to concatenate") }
        if first.rank == 0 { shapeFailure("zero-dimensional tensors cannot be concatenated") }
        let a = normalizedAxis(axis, rank: first.rank)
        for t in tensors where t.rank != first.rank || t.shape.enumerated().contains(where: { $0.offset != a && $0.element != first.shape[$0.offset] }) {
            shapeFailure("concatenate: all extents but axis \(a) must match, but shapes are \(formatShape(first.shape)) and \(formatShape(t.shape))")
        }
        let outer = first.shape[..<a].reduce(1, *)
        var out = [Double]()
        out.reserveCapacity(tensors.reduce(0) { $0 + $1.count })
        for o in 0..<outer {
            for t in tensors {
                let block = t.shape[a...].reduce(1, *)
                out.append(contentsOf: t.scalars[(o * block)..<((o + 1) * block)])
            }
        }
        var newShape = first.shape
        newShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
        return Tensor(unchecked: newShape, out)
    }

    /// Tensors of one shape joined along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        guard let first = tensors.first else { shapeFailure("need at least one tensor to stack") }
        for t in tensors where t.shape != first.shape {
            shapeFailure("all input tensors must have the same shape to stack, but shapes are \(formatShape(first.shape)) and \(formatShape(t.shape))")
        }
        return concatenate(tensors.map { $0.expandingDims(at: axis) }, axis: axis)
    }

    /// The rows (entries along axis 0) in `range`.
    public subscript(rows range: Range<Int>) -> Tensor {
        if rank == 0 { shapeFailure("cannot take rows of a 0-d tensor") }
        if range.lowerBound < 0 || range.upperBound > shape[0] {
            shapeFailure("rows \(range.lowerBound)..<\(range.upperBound) are out of bounds for axis 0 with size \(shape[0])")
        }
        let block = shape.dropFirst().reduce(1, *)
        var newShape = shape
        newShape[0] = range.count
        return Tensor(unchecked: newShape, Array(scalars[(range.lowerBound * block)..<(range.upperBound * block)]))
    }

    /// The rows (entries along axis 0) at `indices`, in that order (NumPy's `x[idx]`).
    public func rows(_ indices: [Int]) -> Tensor {
        if rank == 0 { shapeFailure("cannot take rows of a 0-d tensor") }
        let block = shape.dropFirst().reduce(1, *)
        var out = [Double]()
        out.reserveCapacity(indices.count * block)
        for i in indices {
            if i < 0 || i >= shape[0] { shapeFailure("index \(i) is out of bounds for axis 0 with size \(shape[0])") }
            out.append(contentsOf: scalars[(i * block)..<((i + 1) * block)])
        }
        var newShape = shape
        newShape[0] = indices.count
        return Tensor(unchecked: newShape, out)
    }

    /// One element per row of a matrix: `x[i, columns[i]]`, NumPy's
    /// `x[np.arange(N), y]`. Shape `(N, C)` gives `(N,)`.
    public func gather(columns: [Int]) -> Tensor {
        requirePerRowIndices(columns, "gather")
        let c = shape[1]
        return Tensor(unchecked: [columns.count], columns.enumerated().map { scalars[$0.offset * c + $0.element] })
    }

    /// A copy of this matrix with `values[i]` added at `[i, columns[i]]`: the gradient
    /// of ``gather(columns:)``. `values` has shape `(N,)`.
    public func scatterAdding(_ values: Tensor, columns: [Int]) -> Tensor {
        requirePerRowIndices(columns, "scatterAdding")
        if values.shape != [columns.count] {
            shapeFailure("scatterAdding: values of shape \(formatShape(values.shape)) do not match \(columns.count) indices")
        }
        var out = self
        for (i, j) in columns.enumerated() { out.scalars[i * shape[1] + j] += values.scalars[i] }
        return out
    }

    private func requirePerRowIndices(_ columns: [Int], _ operation: String) {
        if rank != 2 { shapeFailure("\(operation): needs a 2-d tensor, got shape \(formatShape(shape))") }
        if columns.count != shape[0] {
            shapeFailure("\(operation): \(columns.count) indices for a tensor of shape \(formatShape(shape)); need one per row")
        }
        if let bad = columns.first(where: { $0 < 0 || $0 >= shape[1] }) {
            shapeFailure("\(operation): index \(bad) is out of bounds for axis 1 with size \(shape[1])")
        }
    }

    /// This tensor surrounded by `value`: `widths[i] = (before, after)` for axis `i`
    /// (NumPy's `pad(x, widths, constant_values=value)`).
    public func padded(_ widths: [(before: Int, after: Int)], value: Double = 0) -> Tensor {
        if widths.count != rank {
            shapeFailure("pad: \(widths.count) pad widths for a \(rank)-d tensor of shape \(formatShape(shape))")
        }
        if widths.contains(where: { $0.before < 0 || $0.after < 0 }) { shapeFailure("pad: index can't contain negative values") }
        let newShape = zip(shape, widths).map { $0 + $1.before + $1.after }
        var out = [Double](repeating: value, count: newShape.reduce(1, *))
        if rank == 0 || count == 0 { return Tensor(unchecked: newShape, out) }
        // Copy row by row (a row is a run along the last axis), walking the other axes
        // with an odometer and keeping the destination offset of the current row.
        var outStrides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) {
            outStrides[axis] = outStrides[axis + 1] * newShape[axis + 1]
        }
        let rowLength = shape[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var target = zip(widths, outStrides).reduce(0) { $0 + $1.0.before * $1.1 }
        scalars.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var source = 0
                while source < src.count {
                    for j in 0..<rowLength { dst[target + j] = src[source + j] }
                    source += rowLength
                    var axis = rank - 2
                    while axis >= 0 {
                        index[axis] += 1
                        target += outStrides[axis]
                        if index[axis] < shape[axis] { break }
                        target -= outStrides[axis] * shape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
        }
        return Tensor(unchecked: newShape, out)
    }
}
