// TensorKit's micro-kernel for x86-64 CPUs with AVX-512, and nothing else.
//
// This module is compiled with `-target-cpu skylake-avx512` (Package.swift), so every
// instruction in it may be an AVX-512 one: it must run only where the CPU and the OS
// support AVX-512, which TensorKit checks once (CTensorKitCPU) before choosing it. That
// is why it holds the one loop that needs the 32 zmm registers and nothing more:
// packing, blocking, threads and edge tiles stay in TensorKit (`MatMulKernel`), compiled
// for AVX2, and the loop is the same as TensorKit's 6×8 `PortableMicroKernel` with twice
// the rows. Two copies of this small loop exist only because each must be compiled for
// a different CPU; keep them alike.

#if arch(x86_64)
/// A 12×8 tile of C = A·B from packed panels, in 12 of the 32 zmm registers.
///
/// `SIMD8<Double>` is one zmm register: each step along k loads one row of 8 values of
/// B, and does 12 fused multiply-adds with the 12 values of A, each broadcast from
/// memory by the multiply-add itself (`vfmadd231pd (a){1to8}`). docs/performance.md
/// has the other tiles measured against this one.
public enum AVX512MicroKernel: Sendable {
    /// Rows of C per tile: the width of A's panels.
    @inlinable public static var rows: Int { 12 }
    /// Columns of C per tile: the width of B's panels, one `SIMD8<Double>`.
    @inlinable public static var columns: Int { 8 }

    /// Writes the 12×8 product of one packed A panel and one packed B panel into C, or
    /// adds it to what C holds.
    /// - Parameters:
    ///   - a: `depth` groups of 12 values: column p of twelve consecutive rows of A.
    ///   - b: `depth` groups of 8 values: row p of eight consecutive columns of B.
    ///   - depth: the length of the inner dimension in these panels.
    ///   - c: the tile's first element; all 12×8 elements are written.
    ///   - rowStride: elements from one row of C to the next.
    ///   - adding: add to C's values instead of overwriting them.
    public static func multiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, depth: Int,
        into c: UnsafeMutablePointer<Double>, rowStride: Int, adding: Bool
    ) {
        var c0 = SIMD8<Double>(), c1 = SIMD8<Double>(), c2 = SIMD8<Double>(), c3 = SIMD8<Double>()
        var c4 = SIMD8<Double>(), c5 = SIMD8<Double>(), c6 = SIMD8<Double>(), c7 = SIMD8<Double>()
        var c8 = SIMD8<Double>(), c9 = SIMD8<Double>(), c10 = SIMD8<Double>(), c11 = SIMD8<Double>()
        var a = a, b = UnsafeRawPointer(b)
        for _ in 0..<depth {
            let row = b.loadUnaligned(as: SIMD8<Double>.self)
            c0.addProduct(SIMD8(repeating: a[0]), row)
            c1.addProduct(SIMD8(repeating: a[1]), row)
            c2.addProduct(SIMD8(repeating: a[2]), row)
            c3.addProduct(SIMD8(repeating: a[3]), row)
            c4.addProduct(SIMD8(repeating: a[4]), row)
            c5.addProduct(SIMD8(repeating: a[5]), row)
            c6.addProduct(SIMD8(repeating: a[6]), row)
            c7.addProduct(SIMD8(repeating: a[7]), row)
            c8.addProduct(SIMD8(repeating: a[8]), row)
            c9.addProduct(SIMD8(repeating: a[9]), row)
            c10.addProduct(SIMD8(repeating: a[10]), row)
            c11.addProduct(SIMD8(repeating: a[11]), row)
            a += 12
            b += MemoryLayout<SIMD8<Double>>.stride
        }
        store(c0, to: c, adding: adding)
        store(c1, to: c + rowStride, adding: adding)
        store(c2, to: c + 2 * rowStride, adding: adding)
        store(c3, to: c + 3 * rowStride, adding: adding)
        store(c4, to: c + 4 * rowStride, adding: adding)
        store(c5, to: c + 5 * rowStride, adding: adding)
        store(c6, to: c + 6 * rowStride, adding: adding)
        store(c7, to: c + 7 * rowStride, adding: adding)
        store(c8, to: c + 8 * rowStride, adding: adding)
        store(c9, to: c + 9 * rowStride, adding: adding)
        store(c10, to: c + 10 * rowStride, adding: adding)
        store(c11, to: c + 11 * rowStride, adding: adding)
    }

    /// Writes one row of a tile to `c[0..<8]`, or adds it to what is there.
    @inline(__always)
    private static func store(_ row: SIMD8<Double>, to c: UnsafeMutablePointer<Double>, adding: Bool) {
        let raw = UnsafeMutableRawPointer(c)
        raw.storeBytes(of: adding ? raw.loadUnaligned(as: SIMD8<Double>.self) + row : row, as: SIMD8<Double>.self)
    }
}
#endif
