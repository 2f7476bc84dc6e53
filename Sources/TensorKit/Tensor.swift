/// An n-dimensional, row-major (C order) array of `Double` with value semantics.
///
/// `Tensor` follows NumPy's semantics wherever NumPy has an answer, so that course
/// material carries over: broadcasting arithmetic, reductions over any axes with
/// `keepDims`, `reshape` with one inferred `-1`, and so on. Copies are cheap until one
/// of them is mutated (copy-on-write, through the underlying `Array`).
///
/// Big matrix products and elementwise arithmetic on big tensors are computed the first
/// time their elements are read, not when they are written: a formula such as Adam's
/// update then runs in one pass over memory, and a product nothing reads (the first
/// layer's input gradient) is never computed. The elements are the same, bit for bit;
/// shapes are checked at once. Small tensors, everything the grader's checks build
/// among them, are always computed at once.
///
/// A shape error is a programming error: it stops the program with a message that
/// names both operands, as NumPy's exceptions do (see ``shapeFailure(_:file:line:)``).
/// File errors, which a program can recover from, are thrown.
public struct Tensor: Sendable {
    /// The extent of each axis. `[]` is a 0-d tensor holding one scalar.
    public internal(set) var shape: [Int]
    /// The elements: in row-major order, or, for a transposed view (`transposition`
    /// set), those of the matrix this one is the transpose of, in its row-major order.
    var storage: [Double]
    /// Set when this matrix is a transposed view (see ``transposed()``): the transpose
    /// of the `shape[1] × shape[0]` matrix in `storage`, which `matmul` reads in place
    /// and every other operation reads through ``scalars``.
    var transposition: TransposedElements?
    /// Set when this tensor's elements are not computed yet: a big matrix product (see
    /// ``matmul(_:transposingSelf:transposingOther:)``) or elementwise arithmetic on big
    /// tensors (`DeferredArithmetic`). `storage` is empty then, and every read of the
    /// elements goes through ``scalars``, which computes them once.
    var deferred: DeferredElements?

    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    ///
    /// For a transposed view they are built the first time they are read, and kept;
    /// for deferred elements, computed then.
    public internal(set) var scalars: [Double] {
        get {
            if let deferred { return deferred.rowMajor() }
            guard let transposition else { return storage }
            return transposition.rowMajor(of: storage, rows: shape[0], columns: shape[1])
        }
        set {
            storage = newValue
            transposition = nil
            deferred = nil
        }
        _modify {
            materialize()
            yield &storage
        }
    }

    /// Creates a tensor of the given shape from its elements in row-major order.
    /// - Parameters:
    ///   - shape: non-negative extents, one per axis.
    ///   - scalars: exactly `shape.reduce(1, *)` elements.
    public init(shape: [Int], scalars: [Double]) {
        Tensor.validate(shape: shape)
        let count = shape.reduce(1, *)
        if scalars.count != count {
            shapeFailure("cannot create a tensor of shape \(formatShape(shape)) from \(scalars.count) elements; it needs \(count)")
        }
        self.shape = shape
        self.storage = scalars
    }

    /// Creates a 0-d tensor holding one value.
    public init(_ value: Double) {
        self.shape = []
        self.storage = [value]
    }

    /// Creates a 1-d tensor from an array of values.
    public init(_ values: [Double]) {
        self.shape = [values.count]
        self.storage = values
    }

    /// Creates a 2-d tensor from rows of equal length.
    public init(_ rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        for (i, row) in rows.enumerated() where row.count != columns {
            shapeFailure("ragged nested array: row 0 has \(columns) elements but row \(i) has \(row.count)")
        }
        self.shape = [rows.count, columns]
        self.storage = rows.flatMap { $0 }
    }

    /// Creates a 3-d tensor from nested arrays of equal lengths.
    public init(_ blocks: [[[Double]]]) {
        let parts = blocks.map { Tensor($0) }
        self = parts.isEmpty ? Tensor(shape: [0, 0, 0], scalars: []) : Tensor.stack(parts)
    }

    /// Creates a 4-d tensor from nested arrays of equal lengths.
    public init(_ blocks: [[[[Double]]]]) {
        let parts = blocks.map { Tensor($0) }
        self = parts.isEmpty ? Tensor(shape: [0, 0, 0, 0], scalars: []) : Tensor.stack(parts)
    }

    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { deferred == nil ? storage.count : shape.reduce(1, *) }

    /// The value of a 0-d or one-element tensor.
    public var scalar: Double {
        if scalars.count != 1 {
            shapeFailure("only a tensor with one element can be converted to a scalar; this one has shape \(formatShape(shape))")
        }
        return scalars[0]
    }

    /// The element at a full multi-index; negative indices count from the end.
    public subscript(_ index: Int...) -> Double {
        get {
            let offset = flatIndex(index)
            if let deferred { return deferred.rowMajor()[offset] }
            guard transposition != nil else { return storage[offset] }
            // Element (i, j) of a transposed view is (j, i) of the matrix in storage.
            let (i, j) = offset.quotientAndRemainder(dividingBy: shape[1])
            return storage[j * shape[0] + i]
        }
        set { scalars[flatIndex(index)] = newValue }
    }

    /// The row-major offset of a full multi-index.
    public func flatIndex(_ index: [Int]) -> Int {
        if index.count != rank {
            shapeFailure("an index of \(index.count) numbers does not address an element of a \(rank)-d tensor of shape \(formatShape(shape))")
        }
        var offset = 0
        for (axis, i) in index.enumerated() {
            let n = shape[axis]
            let j = i < 0 ? i + n : i
            if j < 0 || j >= n {
                shapeFailure("index \(i) is out of bounds for axis \(axis) with size \(n)")
            }
            offset = offset * n + j
        }
        return offset
    }

    /// The multi-index of a row-major offset.
    public func multiIndex(ofFlatIndex offset: Int) -> [Int] {
        var rest = offset
        var index = [Int](repeating: 0, count: rank)
        for axis in stride(from: rank - 1, through: 0, by: -1) where shape[axis] > 0 {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }

    static func validate(shape: [Int]) {
        if let bad = shape.first(where: { $0 < 0 }) {
            shapeFailure("negative dimensions are not allowed: \(bad) in \(formatShape(shape))")
        }
    }
}

extension Tensor: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) { self.init(value) }
    public init(integerLiteral value: Int) { self.init(Double(value)) }
}

extension Tensor: ExpressibleByArrayLiteral {
    /// `[1, 2, 3]` is a 1-d tensor; `[[1, 2], [3, 4]]` (an array of tensors) is stacked
    /// into a 2-d one, and so on for deeper nesting.
    public init(arrayLiteral elements: Tensor...) {
        if elements.isEmpty {
            self.init(shape: [0], scalars: [])
        } else {
            self = Tensor.stack(elements)
        }
    }
}

extension Tensor: Hashable {
    /// Tensors are equal when their shapes and their elements in row-major order are,
    /// whether or not either is a transposed view.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(shape)
        hasher.combine(scalars)
    }
}

extension Tensor {
    /// Turns a transposed view or deferred elements into a tensor that stores its own
    /// elements in row-major order, before they are changed.
    mutating func materialize() {
        if let deferred {
            storage = deferred.rowMajor()
            self.deferred = nil
        }
        guard let transposition else { return }
        storage = transposition.rowMajor(of: storage, rows: shape[0], columns: shape[1])
        self.transposition = nil
    }

    /// The same elements under another shape with as many elements: deferred elements
    /// stay deferred; a transposed view gives its row-major elements.
    func withElements(shapedAs newShape: [Int]) -> Tensor {
        if transposition != nil { return Tensor(unchecked: newShape, scalars) }
        var reshaped = self
        reshaped.shape = newShape
        return reshaped
    }

    /// Sets the element at a row-major offset.
    public mutating func setScalar(_ value: Double, at flatIndex: Int) {
        scalars[flatIndex] = value
    }
}
