import Foundation
import Testing
@testable import TensorKit

/// What every micro-kernel of `matmul` must do, checked on one kernel at a time: the
/// suites below run it on the portable kernel and, where the CPU has AVX-512, on the
/// AVX-512 one, so that both are tested on a machine that uses only one by default.
///
/// Shapes are chosen around the kernel's own tile (edge tiles go through a scratch
/// tile, whole ones do not) and around `MatMulKernel`'s blocks of k, rows and columns.
struct MicroKernelChecks {
    let kernel: MatMulKernel.Choice

    /// m and n of 1, one below, at and one above the tile and past two tiles; m past a
    /// block of rows; k of 1, a few, and one past a slice; then n past a block of
    /// columns, and k over three slices.
    var edgeShapes: [(m: Int, k: Int, n: Int)] {
        let (rows, columns) = kernel.tile
        let ms = [1, rows - 1, rows, rows + 1, 2 * rows + 3, MatMulKernel.mc + 1]
        let ns = [1, columns - 1, columns, columns + 1, 2 * columns + 3]
        let ks = [1, 7, MatMulKernel.kc + 1]
        return ms.flatMap { m in ks.flatMap { k in ns.map { n in (m, k, n) } } }
            + [(3, 2, MatMulKernel.nc + 1), (rows + 1, 2 * MatMulKernel.kc + 1, columns + 1)]
    }

    func productsAtEdgesMatchTheTripleLoop() {
        for (m, k, n) in edgeShapes {
            let (a, b) = randomOperands(m, k, n)
            let product = a.matmul(b, transposingSelf: false, transposingOther: false, kernel: kernel)
            NaiveProduct(a, b).expectMatches(product, context: "\(kernel), (\(m)×\(k))·(\(k)×\(n)): ")
        }
    }

    /// Every layout of the operands (stored or transposed view, flag or not), at edge
    /// shapes of the tile and at a shape split among threads.
    func transposedOperandsMatchTheTripleLoop() {
        let (rows, columns) = kernel.tile
        for (m, k, n) in [(rows + 1, 13, columns - 1), (1, 9, columns + 1), (3 * rows + 1, MatMulKernel.kc + 1, 1),
                          (100, 300, 40)] {
            for layout in OperandLayout.all {
                let operands = OperandPair(m: m, k: k, n: n, layout: layout)
                NaiveProduct(operands.leftSeen, operands.rightSeen)
                    .expectMatches(operands.product(kernel: kernel), context: "\(kernel), \(m)×\(k)×\(n), \(layout): ")
            }
        }
    }

    /// Products big enough for two threads (2²⁰ multiply-adds), whose rows split into a
    /// ragged share for the last thread.
    func threadedProductsMatchTheTripleLoop() {
        let (rows, columns) = kernel.tile
        for (m, n) in [(127, 101), (4 * rows + 3, 7 * columns + 1)] {
            // Deep enough for two threads' worth of multiply-adds.
            let k = 2 * MatMulKernel.workPerThread / (m * n) + 1
            #expect(m * k * n >= 2 * MatMulKernel.workPerThread, "not a threaded product")
            let (a, b) = randomOperands(m, k, n)
            let product = a.matmul(b, transposingSelf: false, transposingOther: false, kernel: kernel)
            NaiveProduct(a, b).expectMatches(product, context: "\(kernel), (\(m)×\(k))·(\(k)×\(n)): ")
        }
    }
}

extension OperandPair {
    /// `matmul` of the operands with the layout's flags, on the given kernel.
    func product(kernel: MatMulKernel.Choice) -> Tensor {
        left.matmul(right, transposingSelf: layout.transposingSelf, transposingOther: layout.transposingOther,
                    kernel: kernel)
    }
}

@Suite("matmul on the portable micro-kernel (6×8; AVX2 on x86-64, NEON on arm64)")
struct PortableMicroKernelTests {
    let checks = MicroKernelChecks(kernel: .portable)

    @Test("sizes around the tile's and the blocks' edges match the triple loop")
    func edges() { checks.productsAtEdgesMatchTheTripleLoop() }

    @Test("transposed operands and views match the triple loop")
    func transposed() { checks.transposedOperandsMatchTheTripleLoop() }

    @Test("products split among threads match the triple loop")
    func threaded() { checks.threadedProductsMatchTheTripleLoop() }

    @Test("TENSORKIT_THREADS=1 keeps every product on the calling thread")
    func threadLimit() async {
        await #expect(processExitsWith: .success) {
            setenv(MatMulKernel.threadsVariable, "1", 1)
            if MatMulKernel.processors != 1 { exit(1) }
        }
    }

    @Test("TENSORKIT_NO_AVX512=1 keeps a process on the portable kernel")
    func environmentVariable() async {
        await #expect(processExitsWith: .success) {
            setenv(MatMulKernel.Choice.portableOnlyVariable, "1", 1)
            if MatMulKernel.Choice.fastest != .portable { exit(1) }
        }
    }
}

@Suite("matmul on the AVX-512 micro-kernel (8×16)",
       .enabled(if: MatMulKernel.Choice.avx512.isSupported,
                "this CPU or OS does not run AVX-512 (CPUID and XGETBV say so): matmul runs the portable kernel here"))
struct AVX512MicroKernelTests {
    let checks = MicroKernelChecks(kernel: .avx512)

    @Test("sizes around the tile's and the blocks' edges match the triple loop")
    func edges() { checks.productsAtEdgesMatchTheTripleLoop() }

    @Test("transposed operands and views match the triple loop")
    func transposed() { checks.transposedOperandsMatchTheTripleLoop() }

    @Test("products split among threads match the triple loop")
    func threaded() { checks.threadedProductsMatchTheTripleLoop() }

    /// Both kernels add each element's products in the same order (k ascending within a
    /// slice of kc, one fused multiply-add per product, then slice after slice), so the
    /// choice of kernel changes no result, not even in the last bit.
    @Test("products are bit for bit those of the portable kernel")
    func sameBitsAsPortable() {
        for (m, k, n) in [(37, 513, 45), (200, 300, 100), (1, 9, 17)] {
            let (a, b) = randomOperands(m, k, n, seed: 3)
            let avx512 = a.matmul(b, transposingSelf: false, transposingOther: false, kernel: .avx512)
            let portable = a.matmul(b, transposingSelf: false, transposingOther: false, kernel: .portable)
            #expect(bits(avx512) == bits(portable), "(\(m)×\(k))·(\(k)×\(n))")
        }
    }

    @Test("a process runs the AVX-512 kernel unless TENSORKIT_NO_AVX512 is set")
    func chosenByDefault() async {
        await #expect(processExitsWith: .success) {
            unsetenv(MatMulKernel.Choice.portableOnlyVariable)
            if MatMulKernel.Choice.fastest != .avx512 || Tensor.matmulKernel != "AVX-512 8×16" { exit(1) }
        }
    }
}
