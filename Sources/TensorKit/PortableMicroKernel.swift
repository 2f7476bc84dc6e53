/// The 6×8 micro-kernel every CPU runs: six `SIMD8<Double>` accumulators, 12 AVX2
/// registers of the 16 (x86-64, compiled `-target-cpu haswell`), or 24 NEON registers
/// of the 32 (arm64).
///
/// Each step along k loads one row of 8 values of B, broadcasts 6 values of A and does
/// six 8-lane fused multiply-adds: 48 multiply-adds for 8 loads, all from L1. Twelve
/// independent accumulators also hide the latency of the multiply-add unit.
///
/// `AVX512MicroKernel` (module TensorKitAVX512) is the same loop on an 8×16 tile,
/// compiled for AVX-512: the two copies exist only because each is compiled for a
/// different CPU; keep them alike.
enum PortableMicroKernel: MicroKernel {
    static var rows: Int { 6 }
    static var columns: Int { 8 }

    static func multiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, depth: Int,
        into c: UnsafeMutablePointer<Double>, rowStride: Int, adding: Bool
    ) {
        var c0 = SIMD8<Double>(), c1 = SIMD8<Double>(), c2 = SIMD8<Double>()
        var c3 = SIMD8<Double>(), c4 = SIMD8<Double>(), c5 = SIMD8<Double>()
        var a = a, b = UnsafeRawPointer(b)
        for _ in 0..<depth {
            let row = b.loadUnaligned(as: SIMD8<Double>.self)
            c0.addProduct(SIMD8(repeating: a[0]), row)
            c1.addProduct(SIMD8(repeating: a[1]), row)
            c2.addProduct(SIMD8(repeating: a[2]), row)
            c3.addProduct(SIMD8(repeating: a[3]), row)
            c4.addProduct(SIMD8(repeating: a[4]), row)
            c5.addProduct(SIMD8(repeating: a[5]), row)
            a += 6
            b += MemoryLayout<SIMD8<Double>>.stride
        }
        store(c0, to: c, adding: adding)
        store(c1, to: c + rowStride, adding: adding)
        store(c2, to: c + 2 * rowStride, adding: adding)
        store(c3, to: c + 3 * rowStride, adding: adding)
        store(c4, to: c + 4 * rowStride, adding: adding)
        store(c5, to: c + 5 * rowStride, adding: adding)
    }

    /// Writes one row of a tile to `c[0..<8]`, or adds it to what is there.
    @inline(__always)
    private static func store(_ row: SIMD8<Double>, to c: UnsafeMutablePointer<Double>, adding: Bool) {
        let raw = UnsafeMutableRawPointer(c)
        raw.storeBytes(of: adding ? raw.loadUnaligned(as: SIMD8<Double>.self) + row : row, as: SIMD8<Double>.self)
    }
}
