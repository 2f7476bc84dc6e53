// TensorKit's micro-kernel for x86-64 CPUs with AVX-512, and nothing else.
//
// This module is compiled with `-target-cpu skylake-avx512` (Package.swift), so every
// instruction in it may be an AVX-512 one: it must run only where the CPU and the OS
// support AVX-512, which TensorKit checks once (CTensorKitCPU) before choosing it. That
// is why it holds the one loop that needs the 32 zmm registers and nothing more:
// packing, blocking, threads and edge tiles stay in TensorKit (`MatMulKernel`), compiled
// for AVX2, and the loop is TensorKit's 6×8 `PortableMicroKernel` with another tile.
// Two copies of this small loop exist only because each must be compiled for a
// different CPU; keep them alike.

/// An 8×16 tile of C = A·B from packed panels, in 16 of the 32 zmm registers.
///
/// A `SIMD16<Double>` is two zmm registers: each step along k loads one row of 16
/// values of B (two registers) and does 16 fused multiply-adds with the 8 values of A,
/// each broadcast from memory by the multiply-add itself (`vfmadd231pd (a){1to8}`).
/// Measured against 12×8, 12×16 and 24×8 tiles (docs/performance.md), this one was the
/// fastest or tied at every shape of the course. The kernel exists on x86-64 only; the
/// tile's size is declared everywhere, for TensorKit to describe it.
public enum AVX512MicroKernel: Sendable {
    /// Rows of C per tile: the width of A's panels.
    @inlinable public static var rows: Int { 8 }
    /// Columns of C per tile: the width of B's panels, one `SIMD16<Double>`.
    @inlinable public static var columns: Int { 16 }
}

#if arch(x86_64)
extension AVX512MicroKernel {
    /// Writes the 8×16 product of one packed A panel and one packed B panel into C, or
    /// adds it to what C holds.
    /// - Parameters:
    ///   - a: `depth` groups of 8 values: column p of eight consecutive rows of A.
    ///   - b: `depth` groups of 16 values: row p of sixteen consecutive columns of B.
    ///   - depth: the length of the inner dimension in these panels.
    ///   - c: the tile's first element; all 8×16 elements are written.
    ///   - rowStride: elements from one row of C to the next.
    ///   - adding: add to C's values instead of overwriting them.
    public static func multiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, depth: Int,
        into c: UnsafeMutablePointer<Double>, rowStride: Int, adding: Bool
    ) {
        var c0 = SIMD16<Double>(), c1 = SIMD16<Double>(), c2 = SIMD16<Double>(), c3 = SIMD16<Double>()
        var c4 = SIMD16<Double>(), c5 = SIMD16<Double>(), c6 = SIMD16<Double>(), c7 = SIMD16<Double>()
        var a = a, b = UnsafeRawPointer(b)
        for _ in 0..<depth {
            let row = b.loadUnaligned(as: SIMD16<Double>.self)
            c0.addProduct(SIMD16(repeating: a[0]), row)
            c1.addProduct(SIMD16(repeating: a[1]), row)
            c2.addProduct(SIMD16(repeating: a[2]), row)
            c3.addProduct(SIMD16(repeating: a[3]), row)
            c4.addProduct(SIMD16(repeating: a[4]), row)
            c5.addProduct(SIMD16(repeating: a[5]), row)
            c6.addProduct(SIMD16(repeating: a[6]), row)
            c7.addProduct(SIMD16(repeating: a[7]), row)
            a += 8
            b += MemoryLayout<SIMD16<Double>>.stride
        }
        store(c0, to: c, adding: adding)
        store(c1, to: c + rowStride, adding: adding)
        store(c2, to: c + 2 * rowStride, adding: adding)
        store(c3, to: c + 3 * rowStride, adding: adding)
        store(c4, to: c + 4 * rowStride, adding: adding)
        store(c5, to: c + 5 * rowStride, adding: adding)
        store(c6, to: c + 6 * rowStride, adding: adding)
        store(c7, to: c + 7 * rowStride, adding: adding)
    }

    /// Writes one row of a tile to `c[0..<16]`, or adds it to what is there.
    @inline(__always)
    private static func store(_ row: SIMD16<Double>, to c: UnsafeMutablePointer<Double>, adding: Bool) {
        let raw = UnsafeMutableRawPointer(c)
        raw.storeBytes(of: adding ? raw.loadUnaligned(as: SIMD16<Double>.self) + row : row, as: SIMD16<Double>.self)
    }
}
#endif
