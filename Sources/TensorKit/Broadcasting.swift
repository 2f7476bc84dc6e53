/// NumPy's broadcasting rule: shapes are aligned at their last axis; two extents are
/// compatible when they are equal or one of them is 1.
/// - Returns: the shape of the result.
public func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        if x != y && x != 1 && y != 1 {
            shapeFailure("cannot broadcast shapes \(formatShape(a)) and \(formatShape(b))")
        }
        result[i] = x == 1 ? y : x
    }
    return result
}

/// Writes the row-major strides of `shape` read as a `target`-shaped tensor into
/// `strides` (`target.count` of them): 0 on broadcast axes.
func broadcastStrides(_ shape: [Int], to target: [Int], into strides: UnsafeMutablePointer<Int>) {
    strides.initialize(repeating: 0, count: target.count)
    var step = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        let axis = i + target.count - shape.count
        strides[axis] = shape[i] == 1 ? 0 : step
        step *= shape[i]
    }
}

extension Tensor {
    /// This tensor repeated along broadcast axes so that it has shape `target`.
    public func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        if broadcastShape(shape, target) != target {
            shapeFailure("cannot broadcast a tensor of shape \(formatShape(shape)) to \(formatShape(target))")
        }
        return Tensor.zipElements(self, Tensor(shape: target, scalars: [Double](repeating: 0, count: target.reduce(1, *)))) { x, _ in x }
    }

    /// Applies `op` to every pair of broadcast elements of `a` and `b`.
    ///
    /// The fast paths (equal shapes, a scalar operand) run one flat loop; the general
    /// case walks the outer axes with an odometer and runs the innermost axis flat.
    @inline(__always)
    static func zipElements(
        _ a: Tensor, _ b: Tensor, _ op: (Double, Double) -> Double
    ) -> Tensor {
        if a.shape == b.shape {
            return filling(a.shape) { po in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        for i in 0..<pa.count { po[i] = op(pa[i], pb[i]) }
                    }
                }
            }
        }
        let shape = broadcastShape(a.shape, b.shape)
        let count = shape.reduce(1, *)
        if b.broadcastsAsNumber(onto: a) {
            let y = b.scalars[0]
            return Tensor(unchecked: shape, a.mapElements { op($0, y) }.scalars)
        }
        if a.broadcastsAsNumber(onto: b) {
            let x = a.scalars[0]
            return Tensor(unchecked: shape, b.mapElements { op(x, $0) }.scalars)
        }
        if count == 0 { return Tensor(unchecked: shape, []) }
        let rank = shape.count
        // The strides and the odometer live on the stack: for the small tensors of a
        // network's gradient check, three more arrays cost more than the arithmetic.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * rank) { buffer in
            let sa = buffer.baseAddress!, sb = sa + rank, index = sb + rank
            broadcastStrides(a.shape, to: shape, into: sa)
            broadcastStrides(b.shape, to: shape, into: sb)
            index.initialize(repeating: 0, count: rank)
            let inner = shape[rank - 1]
            let ia = sa[rank - 1], ib = sb[rank - 1]
            return filling(shape) { po in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        var offsetA = 0, offsetB = 0, o = 0
                        while o < count {
                            // The common stride pairs get their own loops, which the
                            // compiler vectorizes; (1, 0) is a matrix plus a column. The
                            // loops index pointers to the row's start: an index computed
                            // as `o + j` is overflow-checked on every element, which stops
                            // the vectorizer.
                            let out = po.baseAddress! + o
                            let x = pa.baseAddress! + offsetA, y = pb.baseAddress! + offsetB
                            switch (ia, ib) {
                            case (1, 1):
                                for j in 0..<inner { out[j] = op(x[j], y[j]) }
                            case (1, 0):
                                let y = y[0]
                                for j in 0..<inner { out[j] = op(x[j], y) }
                            case (0, 1):
                                let x = x[0]
                                for j in 0..<inner { out[j] = op(x, y[j]) }
                            default:
                                for j in 0..<inner { out[j] = op(x[j &* ia], y[j &* ib]) }
                            }
                            o += inner
                            // Advance the odometer over the outer axes.
                            var axis = rank - 2
                            while axis >= 0 {
                                index[axis] += 1
                                offsetA += sa[axis]
                                offsetB += sb[axis]
                                if index[axis] < shape[axis] { break }
                                offsetA -= sa[axis] * shape[axis]
                                offsetB -= sb[axis] * shape[axis]
                                index[axis] = 0
                                axis -= 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// Applies `op` to every element.
    /// Whether this tensor, combined with `other`, acts as the number it holds: one
    /// element, and no more axes than `other` (so the result has `other`'s shape).
    func broadcastsAsNumber(onto other: Tensor) -> Bool {
        count == 1 && rank <= other.rank
    }

    @inline(__always)
    func mapElements(_ op: (Double) -> Double) -> Tensor {
        Tensor.filling(shape) { po in
            scalars.withUnsafeBufferPointer { p in
                for i in 0..<p.count { po[i] = op(p[i]) }
            }
        }
    }

    /// Creates a tensor without validating that shape and element count agree.
    init(unchecked shape: [Int], _ scalars: [Double]) {
        self.shape = shape
        self.storage = scalars
    }
}
