// Times `matmul` over a range of product sizes, from a hidden layer's 200×100×100 to the
// first layer's 200×3072×100, the way a training step meets them: an elementwise pass
// over 300,000 elements runs before each product, so a thread that `matmul` woke for the
// previous one has gone back to sleep. Run it with `TENSORKIT_THREADS=1` and without to
// see where a second thread starts to pay (docs/performance.md, "Threads").

import Foundation
import TensorKit

/// Prints, for each size, the best time of `repetitions` products and its GFLOP/s.
func benchmarkProductSizes(repetitions: Int) {
    print("TensorKit matmul by size, \(Tensor.matmulKernel) kernel, best of \(repetitions), "
          + "TENSORKIT_THREADS=\(ProcessInfo.processInfo.environment["TENSORKIT_THREADS"] ?? "(unset)")")
    var generator = SeededGenerator(seed: 1)
    let filler = Tensor.randomNormal([300_000], using: &generator)
    let sizes = [(200, 100, 100), (200, 200, 100), (200, 200, 200), (256, 256, 256),
                 (200, 500, 200), (300, 300, 300), (200, 3072, 100)]
    for (m, k, n) in sizes {
        let a = Tensor.randomNormal([m, k], using: &generator)
        let b = Tensor.randomNormal([k, n], using: &generator)
        var best = Duration.seconds(1_000_000)
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            precondition((filler * 2).count == filler.count)
            var product: Tensor?
            // Reading the elements computes a deferred product.
            best = min(best, clock.measure { product = Tensor(shape: [m, n], scalars: a.matmul(b).scalars) })
            precondition(product?.shape == [m, n])
        }
        let seconds = best.seconds
        print("\(m)×\(k)×\(n)".padding(toLength: 16, withPad: " ", startingAt: 0)
              + String(format: "%9.1f µs %8.1f GFLOP/s", seconds * 1e6, 2 * Double(m * k * n) / seconds / 1e9))
    }
}
