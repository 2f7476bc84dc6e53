import Foundation

/// The row-major elements of a transposed view (see ``Tensor/transposed()``), built the
/// first time something reads them and then kept.
///
/// `matmul` reads a transposed view in place, as NumPy's BLAS reads `x.T`, so the
/// backward pass's `x.transposed().matmul(dout)` costs no copy. Everything else reads
/// `scalars`, and gets the elements from here. They are built once per view, not once
/// per read, so a loop over `scalars` or the subscript stays linear; the copies of a view
/// share this box (it is a class), and a lock makes that safe across threads.
final class TransposedElements: @unchecked Sendable {
    // @unchecked: `elements` is only touched under `lock`.
    private let lock = NSLock()
    private var elements: [Double]?

    /// The row-major elements of the `rows × columns` transpose of `source`.
    /// - Parameters:
    ///   - source: the row-major elements of a `columns × rows` matrix; the same array
    ///     on every call (the storage of the view this box belongs to).
    ///   - rows: the view's rows (the source's columns).
    ///   - columns: the view's columns (the source's rows).
    func rowMajor(of source: [Double], rows: Int, columns: Int) -> [Double] {
        lock.lock()
        defer { lock.unlock() }
        if let elements { return elements }
        let built = [Double](unsafeUninitializedCapacity: source.count) { buffer, initialized in
            source.withUnsafeBufferPointer { source in
                TransposedElements.transpose(source, rows: columns, columns: rows, into: buffer)
            }
            initialized = source.count
        }
        elements = built
        return built
    }

    /// Writes the transpose of the row-major `rows × columns` matrix `source` into `dst`,
    /// in square tiles: reading a column of a large matrix touches a new cache line per
    /// element, so the tiles keep the lines of a block of rows in cache while their
    /// columns are written out.
    static func transpose(
        _ source: UnsafeBufferPointer<Double>, rows: Int, columns: Int,
        into dst: UnsafeMutableBufferPointer<Double>
    ) {
        let tile = 32
        for i0 in stride(from: 0, to: rows, by: tile) {
            let i1 = Swift.min(i0 + tile, rows)
            for j0 in stride(from: 0, to: columns, by: tile) {
                let j1 = Swift.min(j0 + tile, columns)
                for j in j0..<j1 {
                    for i in i0..<i1 { dst[j * rows + i] = source[i * columns + j] }
                }
            }
        }
    }
}
