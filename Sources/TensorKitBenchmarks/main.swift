// Times TensorKit's matmul at the sizes recorded in docs/performance.md.
//
//     swift run -c release tensorkit-bench [repetitions]
//     swift run tensorkit-bench [repetitions]        # the debug build students run
//
// scripts/bench_numpy.py times numpy at the same sizes, in the same format.
// Each figure is the best of the repetitions: on a shared machine the fastest run
// is the one least disturbed by other work. On a CPU with AVX-512, TensorKit runs its
// AVX-512 micro-kernel; `TENSORKIT_NO_AVX512=1` times the portable (AVX2) one instead.

import Foundation
import TensorKit

// Other modes, `tensorkit-bench MODE [repetitions]`: `conv`, convolution and pooling
// (ConvolutionBenchmarks.swift); `elementwise`, elementwise operators and reductions
// (ElementwiseBenchmarks.swift); `sizes`, matmul over a range of sizes
// (ProductSizeBenchmarks.swift).
let modes: [String: (default: Int, run: (Int) -> Void)] = [
    "conv": (10, benchmarkConvolutions), "elementwise": (10, benchmarkElementwise),
    "sizes": (200, benchmarkProductSizes),
]
if let name = CommandLine.arguments.dropFirst().first, let mode = modes[name] {
    mode.run(CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? mode.default : mode.default)
    exit(0)
}

/// One product to time: `left · right` where the operands are built once.
struct Case {
    let name: String
    let m: Int, k: Int, n: Int
    /// The product itself, so that a case may include work around `matmul`.
    let run: (Tensor, Tensor) -> Tensor
    let leftShape: [Int]
    /// The stored right operand's shape, when it is not `[k, n]` (a transposed operand).
    var rightShape: [Int]? = nil
}

let repetitions = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 10 : 10

let cases = [
    Case(name: "(200x3072)·(3072x100)", m: 200, k: 3072, n: 100,
         run: { $0.matmul($1) }, leftShape: [200, 3072]),
    Case(name: "(512x512)·(512x512)", m: 512, k: 512, n: 512,
         run: { $0.matmul($1) }, leftShape: [512, 512]),
    // An affine layer's weight gradient, x.T · dout: through the transposed view, then
    // with the flag; both read x in place, transposed, while packing it.
    Case(name: "x.transposed().matmul(d)", m: 3072, k: 200, n: 100,
         run: { $0.transposed().matmul($1) }, leftShape: [200, 3072]),
    Case(name: "x.matmul(d, transposingSelf:)", m: 3072, k: 200, n: 100,
         run: { $0.matmul($1, transposingSelf: true) }, leftShape: [200, 3072]),
    // Its input gradient, dout · w.T, w of shape (3072, 100).
    Case(name: "d.matmul(w.transposed())", m: 200, k: 100, n: 3072,
         run: { $0.matmul($1.transposed()) }, leftShape: [200, 100], rightShape: [3072, 100]),
    // A hidden layer of 100 units: its forward product, weight gradient and input gradient.
    Case(name: "(200x100)·(100x100)", m: 200, k: 100, n: 100,
         run: { $0.matmul($1) }, leftShape: [200, 100]),
    Case(name: "h.transposed().matmul(d), 100", m: 100, k: 200, n: 100,
         run: { $0.transposed().matmul($1) }, leftShape: [200, 100]),
    Case(name: "d.matmul(w.transposed()), 100", m: 200, k: 100, n: 100,
         run: { $0.matmul($1.transposed()) }, leftShape: [200, 100], rightShape: [100, 100]),
]

#if DEBUG
let configuration = "debug"
#else
let configuration = "release"
#endif
print("TensorKit matmul, \(configuration) build, \(Tensor.matmulKernel) kernel, best of \(repetitions)")

var generator = SeededGenerator(seed: 0)
for c in cases {
    let left = Tensor.randomNormal(c.leftShape, using: &generator)
    let right = Tensor.randomNormal(c.rightShape ?? [c.k, c.n], using: &generator)
    var best = Duration.seconds(1_000_000)
    let clock = ContinuousClock()
    for _ in 0..<repetitions {
        var product: Tensor?
        // Reading the elements is part of the product: a big one is computed when they
        // are first read (TensorKit's deferred products).
        let elapsed = clock.measure { product = Tensor(shape: [c.m, c.n], scalars: c.run(left, right).scalars) }
        precondition(product?.shape == [c.m, c.n])
        best = min(best, elapsed)
    }
    let seconds = best.seconds
    let gflops = 2 * Double(c.m * c.k * c.n) / seconds / 1e9
    print(c.name.padding(toLength: 32, withPad: " ", startingAt: 0)
          + String(format: "%8.3f ms %8.1f GFLOP/s", seconds * 1e3, gflops))
}
