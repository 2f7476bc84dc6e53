import Foundation

// Reductions over any set of axes, with NumPy's `axis` and `keepdims` semantics.
// `axes: nil` reduces over every axis and gives a 0-d tensor (or all-ones shape with
// `keepDims`). Negative axes count from the end.

extension Tensor {
    /// The sum over `axes` (all axes when `nil`).
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        reduce(axes: axes, keepDims: keepDims, initial: 0) { row in
            var total = 0.0
            for x in row { total += x }
            return total
        }
    }
    /// The sum over one axis.
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(axes: [axis], keepDims: keepDims) }

    /// The arithmetic mean over `axes` (all axes when `nil`).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        sum(axes: axes, keepDims: keepDims) / Double(reducedCount(axes))
    }
    /// The mean over one axis.
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    /// The variance `Σ(x − mean)² / (n − ddof)` over `axes`; `ddof = 0` (the default) is
    /// the biased estimate NumPy and batch normalization use.
    public func variance(axes: [Int]? = nil, ddof: Int = 0, keepDims: Bool = false) -> Tensor {
        let centered = self - mean(axes: axes, keepDims: true)
        return (centered * centered).sum(axes: axes, keepDims: keepDims) / Double(reducedCount(axes) - ddof)
    }
    /// The variance over one axis.
    public func variance(axis: Int, ddof: Int = 0, keepDims: Bool = false) -> Tensor {
        variance(axes: [axis], ddof: ddof, keepDims: keepDims)
    }

    /// The standard deviation: the square root of ``variance(axes:ddof:keepDims:)``.
    public func standardDeviation(axes: [Int]? = nil, ddof: Int = 0, keepDims: Bool = false) -> Tensor {
        sqrt(variance(axes: axes, ddof: ddof, keepDims: keepDims))
    }

    /// The largest element over `axes`; NaN if any element is NaN, as in NumPy.
    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        requireNonEmpty("max")
        return reduce(axes: axes, keepDims: keepDims, initial: -.infinity) { row in
            var best = -Double.infinity
            for x in row { if x > best || x.isNaN { best = x; if x.isNaN { break } } }
            return best
        }
    }
    /// The largest element over one axis.
    public func max(axis: Int, keepDims: Bool = false) -> Tensor { max(axes: [axis], keepDims: keepDims) }

    /// The smallest element over `axes`; NaN if any element is NaN.
    public func min(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        requireNonEmpty("min")
        return -(-self).max(axes: axes, keepDims: keepDims)
    }
    /// The smallest element over one axis.
    public func min(axis: Int, keepDims: Bool = false) -> Tensor { min(axes: [axis], keepDims: keepDims) }

    /// The index of the largest element along `axis` (the first one on ties), as a
    /// tensor of whole numbers with that axis removed (or kept with extent 1).
    public func argmax(axis: Int, keepDims: Bool = false) -> Tensor {
        requireNonEmpty("argmax")
        return reduce(axes: [axis], keepDims: keepDims, initial: 0) { row in
            var best = 0
            for i in 0..<row.count where row[i] > row[best] || (row[i].isNaN && !row[best].isNaN) { best = i }
            return Double(best)
        }
    }

    /// The flat (row-major) index of the largest element.
    public func argmax() -> Int {
        requireNonEmpty("argmax")
        return Int(flattened().argmax(axis: 0).scalar)
    }

    /// The number of elements each output of a reduction over `axes` combines.
    func reducedCount(_ axes: [Int]?) -> Int {
        guard let axes else { return count }
        return Set(axes.map { normalizedAxis($0, rank: rank) }).reduce(1) { $0 * shape[$1] }
    }

    private func requireNonEmpty(_ operation: String) {
        if count == 0 {
            shapeFailure("\(operation): zero-size tensor of shape \(formatShape(shape)) has no \(operation == "min" ? "minimum" : "maximum")")
        }
    }

    /// Reduces `axes` by moving them last (a copy only when they are not last already)
    /// and handing each contiguous row of reduced elements to `combine`.
    private func reduce(
        axes: [Int]?, keepDims: Bool, initial: Double,
        _ combine: (UnsafeBufferPointer<Double>) -> Double
    ) -> Tensor {
        let reduced = Set((axes ?? Array(0..<rank)).map { normalizedAxis($0, rank: rank) })
        if let axes, reduced.count != axes.count {
            shapeFailure("duplicate value in 'axis': \(axes)")
        }
        let kept = (0..<rank).filter { !reduced.contains($0) }
        let order = kept + reduced.sorted()
        let source = order == Array(0..<rank) ? self : permuted(order)
        let rowLength = reduced.reduce(1) { $0 * shape[$1] }
        let rows = kept.reduce(1) { $0 * shape[$1] }
        var out = [Double](repeating: initial, count: rows)
        source.scalars.withUnsafeBufferPointer { p in
            for r in 0..<rows {
                out[r] = combine(UnsafeBufferPointer(rebasing: p[(r * rowLength)..<((r + 1) * rowLength)]))
            }
        }
        let outShape = keepDims
            ? (0..<rank).map { reduced.contains($0) ? 1 : shape[$0] }
            : kept.map { shape[$0] }
        return Tensor(unchecked: outShape, out)
    }
}
