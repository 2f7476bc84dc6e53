// The engine behind `Tensor.matmul`: a cache-blocked, packed SIMD matrix product on
// raw buffers, in the style of GotoBLAS and BLIS.
//
// How it is fast, from the inside out:
//
// 1. Register block. A micro-kernel computes a tile of C in registers: 6×8 in six
//    `SIMD8<Double>` accumulators (`PortableMicroKernel`: 12 AVX2 registers of the 16,
//    or 24 NEON registers of the 32), or on a CPU with AVX-512 8×16 in sixteen zmm
//    registers (`AVX512MicroKernel`, module TensorKitAVX512), chosen once at run time
//    (`MatMulKernel.Choice`). Everything below is generic over the kernel, so it is
//    written once for both tiles.
// 2. Packing. The micro-kernel reads A and B from small contiguous copies laid out in
//    exactly the order it consumes them ("panels"), so every load is sequential whatever
//    the layout of the operands (a transposed operand only changes how it is packed),
//    and the copies are zero-padded so that the kernel always computes whole tiles; at
//    the edges of C it writes them to a scratch tile, of which only the part inside C
//    is copied out.
// 3. Cache blocking. k is cut into slices of `kc`, so that one B panel (kc×8) stays in
//    L1 while it meets every A panel of a block; a block of A (mc×kc) stays in L2, and a
//    block of B (kc×nc) in L3.
// 4. Threads. Big products split their rows among the cores (`Parallel`, whose helper
//    threads spin for a moment between jobs); small ones run on the calling thread,
//    where handing work to another thread would cost more than it saves.
//
// `SIMD.addProduct` is a fused multiply-add. Compiled for a CPU with FMA (every arm64;
// x86-64 with `-target-cpu haswell` or later, see Package.swift) it is one instruction;
// without, it becomes a call to libm's `fma` for every lane, and the kernel is many
// times slower. docs/performance.md has the measurements.

import Foundation
#if arch(x86_64)
import TensorKitAVX512
#endif

/// A read-only matrix on a raw buffer: element `(i, j)` is at `base[i * rowStride + j * columnStride]`.
///
/// A row-major `m×n` matrix has strides `(n, 1)`; its transpose is the same buffer
/// with strides `(1, n)`.
struct StridedMatrix: @unchecked Sendable {
    // @unchecked: the buffer is only read while a product runs.
    let base: UnsafePointer<Double>
    let rowStride: Int
    let columnStride: Int

    @inline(__always)
    subscript(row: Int, column: Int) -> Double {
        // Wrapping arithmetic: the index is in bounds by construction, and overflow
        // checks in the packing loops would cost more than the copying itself.
        base[row &* rowStride &+ column &* columnStride]
    }

    /// The same buffer read as the transposed matrix.
    var transposed: StridedMatrix {
        StridedMatrix(base: base, rowStride: columnStride, columnStride: rowStride)
    }
}

/// A cache-blocked, packed matrix product `C = A · B`.
enum MatMulKernel {
    /// The slice of the inner dimension packed at a time: a kc×8 panel of B is 16 KiB,
    /// half of a typical 32 KiB L1 data cache (kc×16: 32 KiB, of 48 KiB on the Xeons
    /// whose AVX-512 kernel uses it; 128 and 384 measured slower there).
    static let kc = 256
    /// Rows of A packed at a time (a multiple of every micro-kernel's rows, 6 and 8):
    /// an mc×kc block of A is 240 KiB, which fits L2.
    static let mc = 120
    /// Columns of B packed at a time (a multiple of every micro-kernel's columns, 8 and 16): a
    /// kc×nc block of B is 4 MiB, which fits L3.
    static let nc = 2048
    /// The least work, in multiply-adds, worth a thread of its own: a product needs
    /// 2 × 2¹⁹ (about 100³) to use two threads. Measured on an AMD EPYC (2 cores;
    /// `tensorkit-bench sizes`, best of 200 with an elementwise pass between products, as
    /// in training, against `TENSORKIT_THREADS=1`): two threads take 23.5 µs at a hidden
    /// layer's 200×100×100 against 41 on one, and 1.7–1.9× less at every size up to
    /// (200×3072)·(3072×100). That holds because TensorKit's helper threads spin for a
    /// moment between jobs (`Parallel`); with Dispatch's threads, which sleep at once and
    /// take tens of microseconds to wake, one thread was faster below about 6 M
    /// multiply-adds in a training step (docs/performance.md).
    static let workPerThread = 1 << 19
    /// The most threads a product uses: the cores `activeProcessorCount` reports, or
    /// fewer if the environment variable `TENSORKIT_THREADS` says so (`1` keeps every
    /// product on the calling thread). Read once: on Linux, Foundation's
    /// `activeProcessorCount` opens and parses the cgroup's `cpuset` and `cpu.max` files
    /// on every call, which cost more than most of the grader's small products.
    static let processors: Int = {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard let limit = ProcessInfo.processInfo.environment[threadsVariable].flatMap({ Int($0) }), limit >= 1
        else { return cores }
        return min(limit, cores)
    }()
    /// The environment variable that limits the threads of a product: `TENSORKIT_THREADS`.
    static let threadsVariable = "TENSORKIT_THREADS"

    /// Writes `A · B` into `C`.
    /// - Parameters:
    ///   - a: `m×k`, any strides.
    ///   - b: `k×n`, any strides.
    ///   - c: `m×n` row-major, initialized or not: the first slice of k writes every
    ///     element, the later ones add to it (so no pass zeroes C first).
    ///   - kernel: the micro-kernel to run; one this CPU supports.
    static func multiply(
        _ a: StridedMatrix, _ b: StridedMatrix, into c: UnsafeMutablePointer<Double>,
        m: Int, k: Int, n: Int, kernel: Choice = .fastest
    ) {
        precondition(kernel.isSupported, "matmul: this CPU cannot run the \(kernel) micro-kernel")
        switch kernel {
        case .portable:
            multiply(a, b, into: c, m: m, k: k, n: n, using: PortableMicroKernel.self)
        case .avx512:
            #if arch(x86_64)
            multiply(a, b, into: c, m: m, k: k, n: n, using: AVX512MicroKernel.self)
            #else
            preconditionFailure("unreachable: AVX-512 is never supported off x86-64")
            #endif
        }
    }

    /// Writes `A · B` into `C` with the micro-kernel `K`; see `multiply(_:_:into:m:k:n:kernel:)`.
    private static func multiply<K: MicroKernel>(
        _ a: StridedMatrix, _ b: StridedMatrix, into c: UnsafeMutablePointer<Double>,
        m: Int, k: Int, n: Int, using _: K.Type
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            c.initialize(repeating: 0, count: m * n)
            return
        }
        let panels = (m + K.rows - 1) / K.rows
        let threads = min(processors, panels, max(1, m * k * n / workPerThread))
        if threads == 1 {
            multiplyRows(0..<m, a, b, c, k: k, n: n, using: K.self)
            return
        }
        // Whole panels per thread, so that only the last thread has a ragged edge.
        // Each thread writes its own rows of C, so the threads never share an element.
        // Each also packs its own copy of B: simpler than sharing it, and cheap, since
        // packing B costs k·n copies against rows·k·n multiply-adds.
        let panelsPerThread = (panels + threads - 1) / threads
        Parallel.run(parts: threads) { t in
            let rows = min(m, t * panelsPerThread * K.rows)..<min(m, (t + 1) * panelsPerThread * K.rows)
            multiplyRows(rows, a, b, c, k: k, n: n, using: K.self)
        }
    }

    /// Writes rows `rows` of `A · B` into the same rows of `C`, on the calling thread.
    private static func multiplyRows<K: MicroKernel>(
        _ rows: Range<Int>, _ a: StridedMatrix, _ b: StridedMatrix,
        _ c: UnsafeMutablePointer<Double>, k: Int, n: Int, using _: K.Type
    ) {
        if rows.isEmpty { return }
        let packedB = UnsafeMutablePointer<Double>.allocate(
            capacity: min(kc, k) * roundUp(min(nc, n), to: K.columns))
        let packedA = UnsafeMutablePointer<Double>.allocate(
            capacity: roundUp(min(mc, rows.count), to: K.rows) * min(kc, k))
        // The tiles that overhang C's last rows or columns are computed here first.
        let edgeTile = UnsafeMutablePointer<Double>.allocate(capacity: K.rows * K.columns)
        defer { packedB.deallocate(); packedA.deallocate(); edgeTile.deallocate() }

        for j0 in stride(from: 0, to: n, by: nc) {
            let width = min(nc, n - j0)
            for p0 in stride(from: 0, to: k, by: kc) {
                let depth = min(kc, k - p0)
                pack(b, rows: p0..<p0 + depth, columns: j0..<j0 + width, panelWidth: K.columns,
                     into: packedB)
                for i0 in stride(from: rows.lowerBound, to: rows.upperBound, by: mc) {
                    let height = min(mc, rows.upperBound - i0)
                    // A's panels are B's layout applied to the transpose of A.
                    pack(a.transposed, rows: p0..<p0 + depth, columns: i0..<i0 + height,
                         panelWidth: K.rows, into: packedA)
                    for j in stride(from: 0, to: width, by: K.columns) {
                        let panelB = packedB + j * depth
                        for i in stride(from: 0, to: height, by: K.rows) {
                            let panelA = packedA + i * depth
                            let tile = c + (i0 + i) * n + j0 + j
                            let (tileRows, tileColumns) = (min(K.rows, height - i), min(K.columns, width - j))
                            if tileRows == K.rows && tileColumns == K.columns {
                                K.multiply(panelA, panelB, depth: depth, into: tile, rowStride: n, adding: p0 > 0)
                            } else {
                                K.multiply(panelA, panelB, depth: depth, into: edgeTile, rowStride: K.columns,
                                           adding: false)
                                copy(edgeTile, rowStride: K.columns, rows: tileRows, columns: tileColumns,
                                     to: tile, rowStride: n, adding: p0 > 0)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Copies the top-left `rows × columns` of a tile into C, or adds them to what C holds.
    @inline(__always)
    private static func copy(
        _ tile: UnsafePointer<Double>, rowStride tileStride: Int, rows: Int, columns: Int,
        to c: UnsafeMutablePointer<Double>, rowStride: Int, adding: Bool
    ) {
        for r in 0..<rows {
            let (source, target) = (tile + r * tileStride, c + r * rowStride)
            if adding {
                for s in 0..<columns { target[s] += source[s] }
            } else {
                target.update(from: source, count: columns)
            }
        }
    }

    /// Copies `matrix[rows, columns]` into panels of `panelWidth` columns, panel after
    /// panel, each panel row after row; the last panel is padded with zero columns.
    ///
    /// Packing runs for every block, so it must be fast too. When rows are contiguous
    /// (B, or a transposed A) it copies each row's share of a panel as one block; when
    /// columns are (A, or a transposed B) it reads a panel's columns side by side, a few
    /// sequential streams the hardware prefetcher follows. It is inlined into the
    /// kernel's specialized `multiplyRows` so that `panelWidth` is a constant and the
    /// copies unroll.
    @inline(__always)
    private static func pack(
        _ matrix: StridedMatrix, rows: Range<Int>, columns: Range<Int>, panelWidth: Int,
        into packed: UnsafeMutablePointer<Double>
    ) {
        let panelSize = rows.count * panelWidth
        if matrix.columnStride == 1 {
            // Row after row, handing each row's values out to the panels: a whole
            // panel's share is one block copy.
            for (q, p) in rows.enumerated() {
                var out = packed + q * panelWidth
                let row = matrix.base + p &* matrix.rowStride
                for j in stride(from: columns.lowerBound, to: columns.upperBound, by: panelWidth) {
                    if j &+ panelWidth <= columns.upperBound {
                        out.update(from: row + j, count: panelWidth)
                    } else {
                        for s in 0..<panelWidth { out[s] = j &+ s < columns.upperBound ? row[j &+ s] : 0 }
                    }
                    out += panelSize
                }
            }
        } else {
            // Panel after panel, reading the panel's columns side by side, each a
            // sequential stream; the padding columns are zeros.
            var out = packed
            for j in stride(from: columns.lowerBound, to: columns.upperBound, by: panelWidth) {
                let width = min(panelWidth, columns.upperBound - j)
                for p in rows {
                    for s in 0..<panelWidth { out[s] = s < width ? matrix[p, j &+ s] : 0 }
                    out += panelWidth
                }
            }
        }
    }

    private static func roundUp(_ x: Int, to multiple: Int) -> Int {
        (x + multiple - 1) / multiple * multiple
    }
}
