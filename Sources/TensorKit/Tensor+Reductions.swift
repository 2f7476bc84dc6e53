// Reductions over any set of axes, with NumPy's `axis` and `keepdims` semantics.
// `axes: nil` reduces over every axis and gives a 0-d tensor (or an all-ones shape
// with `keepDims`). Negative axes count from the end.
//
// Sums add in the order NumPy adds: pairwise (in blocks of eight) along a contiguous
// run of elements, one slice after another along an outer axis. So `sum` and `mean`
// usually agree with NumPy to the last bit, and the rounding error of a long sum grows
// like log n rather than n.

extension Tensor {
    /// The sum over `axes` (all axes when `nil`); an empty sum is 0.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        reduce(axes: axes, keepDims: keepDims, empty: 0, row: pairwiseSum, slice: addSlice)
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
    /// the biased estimate NumPy and batch normalization use. As in NumPy, `ddof ≥ n`
    /// divides by zero (giving infinity or NaN) rather than by a negative number.
    public func variance(axes: [Int]? = nil, ddof: Int = 0, keepDims: Bool = false) -> Tensor {
        // NumPy's steps, squaring in place to save a copy: Σ(x − mean)² / divisor.
        var squares = self - mean(axes: axes, keepDims: true)
        squares.scalars.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { p[i] *= p[i] }
        }
        let divisor = Swift.max(reducedCount(axes) - ddof, 0)
        return squares.sum(axes: axes, keepDims: keepDims) / Double(divisor)
    }
    /// The variance over one axis.
    public func variance(axis: Int, ddof: Int = 0, keepDims: Bool = false) -> Tensor {
        variance(axes: [axis], ddof: ddof, keepDims: keepDims)
    }

    /// The standard deviation: the square root of ``variance(axes:ddof:keepDims:)``.
    public func standardDeviation(axes: [Int]? = nil, ddof: Int = 0, keepDims: Bool = false) -> Tensor {
        sqrt(variance(axes: axes, ddof: ddof, keepDims: keepDims))
    }
    /// The standard deviation over one axis.
    public func standardDeviation(axis: Int, ddof: Int = 0, keepDims: Bool = false) -> Tensor {
        standardDeviation(axes: [axis], ddof: ddof, keepDims: keepDims)
    }

    /// The largest element over `axes`; NaN if any of them is NaN, as in NumPy.
    /// Reducing over an axis of extent 0 is an error: the maximum of nothing is undefined.
    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        requireNonEmpty(axes, "maximum")
        return reduce(axes: axes, keepDims: keepDims, empty: nil, row: { row in
            var best = row[0]
            for x in row where !best.isNaN && !(x <= best) { best = x }
            return best
        }, slice: { best, slice, count in
            for j in 0..<count where !best[j].isNaN && !(slice[j] <= best[j]) { best[j] = slice[j] }
        })
    }
    /// The largest element over one axis.
    public func max(axis: Int, keepDims: Bool = false) -> Tensor { max(axes: [axis], keepDims: keepDims) }

    /// The smallest element over `axes`; NaN if any of them is NaN.
    public func min(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        requireNonEmpty(axes, "minimum")
        return reduce(axes: axes, keepDims: keepDims, empty: nil, row: { row in
            var best = row[0]
            for x in row where !best.isNaN && !(x >= best) { best = x }
            return best
        }, slice: { best, slice, count in
            for j in 0..<count where !best[j].isNaN && !(slice[j] >= best[j]) { best[j] = slice[j] }
        })
    }
    /// The smallest element over one axis.
    public func min(axis: Int, keepDims: Bool = false) -> Tensor { min(axes: [axis], keepDims: keepDims) }

    /// The index of the largest element along `axis` (the first one on ties, the first
    /// NaN if there is one, as in NumPy), as a tensor of whole numbers with that axis
    /// removed (or kept with extent 1).
    public func argmax(axis: Int, keepDims: Bool = false) -> Tensor {
        let a = normalizedAxis(axis, rank: rank)
        requireNonEmpty([a], "argmax")
        let outer = shape[..<a].reduce(1, *), length = shape[a], inner = shape[(a + 1)...].reduce(1, *)
        var out = [Double](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<outer {
                    for j in 0..<inner {
                        let base = i * length * inner + j
                        var best = 0, bestValue = x[base]
                        for k in 1..<length where !bestValue.isNaN {
                            let v = x[base + k * inner]
                            if !(v <= bestValue) { best = k; bestValue = v }
                        }
                        o[i * inner + j] = Double(best)
                    }
                }
            }
        }
        var outShape = shape
        if keepDims { outShape[a] = 1 } else { outShape.remove(at: a) }
        return Tensor(unchecked: outShape, out)
    }

    /// The flat (row-major) index of the largest element.
    public func argmax() -> Int {
        Int(flattened().argmax(axis: 0).scalar)
    }

    /// The number of elements each output of a reduction over `axes` combines.
    func reducedCount(_ axes: [Int]?) -> Int {
        guard axes != nil else { return count }
        let reduced = axisMask(axes).mask
        var product = 1
        for axis in 0..<rank where reduced[axis] { product *= shape[axis] }
        return product
    }

    /// Which axes `axes` names (every axis when `nil`), after normalizing each (negative
    /// axes count from the end; the first out of bounds stops), and how many distinct
    /// axes that is: an axis named twice is marked once.
    ///
    /// A flag per axis rather than a `Set`: a reduction of a small tensor (a network's
    /// bias gradient) spent more on hashing and allocating its axes than on adding.
    private func axisMask(_ axes: [Int]?) -> (mask: [Bool], marked: Int) {
        guard let axes else { return ([Bool](repeating: true, count: rank), rank) }
        var mask = [Bool](repeating: false, count: rank), marked = 0
        for axis in axes {
            let resolved = normalizedAxis(axis, rank: rank)
            if !mask[resolved] {
                mask[resolved] = true
                marked += 1
            }
        }
        return (mask, marked)
    }

    private func requireNonEmpty(_ axes: [Int]?, _ operation: String) {
        if reducedCount(axes) == 0 {
            shapeFailure("zero-size tensor of shape \(formatShape(shape)) to reduction operation \(operation), which has no identity")
        }
    }

    /// Reduces over `axes` without moving any element.
    ///
    /// Axes of extent 1 are dropped and neighbouring axes merged, so the tensor reads as
    /// alternating runs of kept and reduced axes. The innermost reduced run is combined
    /// with `row` (each output's elements are contiguous there), every other reduced run
    /// slice by slice with `slice`, from the inside out.
    /// - Parameters:
    ///   - empty: the identity, which is the value of a reduction over no elements and
    ///     where a slice-by-slice reduction starts; `nil` when there is none (the
    ///     caller has ruled out empty reductions) and the first slice starts it.
    ///   - row: combines a contiguous, non-empty run of elements.
    ///   - slice: folds one more slice into the running results, `(results, slice, count)`:
    ///     element `j` of the slice into result `j`.
    @inline(__always)
    private func reduce(
        axes: [Int]?, keepDims: Bool, empty: Double?,
        row: (UnsafeBufferPointer<Double>) -> Double,
        slice: (UnsafeMutablePointer<Double>, UnsafePointer<Double>, Int) -> Void
    ) -> Tensor {
        let (reduced, marked) = axisMask(axes)
        if let axes, marked != axes.count {
            shapeFailure("duplicate value in 'axis': \(axes)")
        }
        var outShape: [Int] = []
        outShape.reserveCapacity(rank)
        for axis in 0..<rank where keepDims || !reduced[axis] { outShape.append(reduced[axis] ? 1 : shape[axis]) }
        let outCount = outShape.reduce(1, *)
        if count == 0 || outCount == 0 {
            return Tensor(unchecked: outShape, [Double](repeating: empty ?? 0, count: outCount))
        }
        // Runs of (extent, isReduced), outermost first, without extent-1 axes.
        var runs: [(extent: Int, isReduced: Bool)] = []
        runs.reserveCapacity(rank)
        for axis in 0..<rank where shape[axis] != 1 {
            let r = reduced[axis]
            if let last = runs.last, last.isReduced == r {
                runs[runs.count - 1].extent *= shape[axis]
            } else {
                runs.append((shape[axis], r))
            }
        }
        var current = scalars
        while let index = runs.lastIndex(where: \.isReduced) {
            let length = runs[index].extent
            let inner = runs[(index + 1)...].reduce(1) { $0 * $1.extent }
            let outer = current.count / (length * inner)
            var out = [Double](repeating: 0, count: outer * inner)
            current.withUnsafeBufferPointer { x in
                out.withUnsafeMutableBufferPointer { o in
                    if inner == 1 {
                        for i in 0..<outer {
                            o[i] = row(UnsafeBufferPointer(rebasing: x[(i * length)..<((i + 1) * length)]))
                        }
                        return
                    }
                    for i in 0..<outer {
                        let target = i * inner, base = i * length * inner
                        // Start from the identity, as NumPy does, or from the first slice.
                        let first: Int
                        if let empty {
                            for j in 0..<inner { o[target + j] = empty }
                            first = 0
                        } else {
                            for j in 0..<inner { o[target + j] = x[base + j] }
                            first = 1
                        }
                        for k in first..<length {
                            slice(o.baseAddress! + target, x.baseAddress! + base + k * inner, inner)
                        }
                    }
                }
            }
            current = out
            runs.remove(at: index)
        }
        return Tensor(unchecked: outShape, current)
    }
}

/// Adds `count` elements of `slice` to as many running sums, four at a time (each sum
/// still adds its elements in order, so the results are those of a plain loop).
@inline(__always)
private func addSlice(_ sums: UnsafeMutablePointer<Double>, _ slice: UnsafePointer<Double>, _ count: Int) {
    let rawSums = UnsafeMutableRawPointer(sums), rawSlice = UnsafeRawPointer(slice)
    var j = 0
    while j + 4 <= count {
        let offset = j * MemoryLayout<Double>.stride
        let sum = rawSums.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            + rawSlice.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
        rawSums.storeBytes(of: sum, toByteOffset: offset, as: SIMD4<Double>.self)
        j += 4
    }
    while j < count {
        sums[j] += slice[j]
        j += 1
    }
}

/// The sum of a run of elements in NumPy's order: eight running sums over blocks of up
/// to 128 elements, combined pairwise, and longer runs split in halves recursively.
/// The rounding error grows like log n instead of n.
func pairwiseSum(_ x: UnsafeBufferPointer<Double>) -> Double {
    let n = x.count
    if n < 8 {
        var total = 0.0
        for v in x { total += v }
        return total
    }
    if n <= 128 {
        var r0 = x[0], r1 = x[1], r2 = x[2], r3 = x[3]
        var r4 = x[4], r5 = x[5], r6 = x[6], r7 = x[7]
        var i = 8
        while i < n - n % 8 {
            r0 += x[i]; r1 += x[i + 1]; r2 += x[i + 2]; r3 += x[i + 3]
            r4 += x[i + 4]; r5 += x[i + 5]; r6 += x[i + 6]; r7 += x[i + 7]
            i += 8
        }
        var total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < n { total += x[i]; i += 1 }
        return total
    }
    var half = n / 2
    half -= half % 8
    return pairwiseSum(UnsafeBufferPointer(rebasing: x[..<half]))
        + pairwiseSum(UnsafeBufferPointer(rebasing: x[half...]))
}
