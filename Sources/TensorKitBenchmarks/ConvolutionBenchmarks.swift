// Times TensorKit's convolution and max pooling at the sizes recorded in
// docs/performance.md ("Convolution and pooling"); scripts/bench_conv.py times the
// course's numpy layers at the same sizes, in the same format.

import Foundation
import TensorKit

/// Prints the best time of `repetitions` runs of each convolution and pooling case.
func benchmarkConvolutions(repetitions: Int) {
    print("TensorKit convolution and max pooling, best of \(repetitions)")
    var generator = SeededGenerator(seed: 0)
    let convolutions: [(name: String, input: [Int], filters: [Int], padding: Int)] = [
        ("conv x(50,3,32,32) w(32,3,7,7) p3", [50, 3, 32, 32], [32, 3, 7, 7], 3),
        ("conv x(100,1,8,8) w(32,1,3,3) p1", [100, 1, 8, 8], [32, 1, 3, 3], 1),
    ]
    for c in convolutions {
        let x = Tensor.randomNormal(c.input, using: &generator)
        let w = Tensor.randomNormal(c.filters, using: &generator)
        let b = Tensor.randomNormal([c.filters[0]], using: &generator)
        let dout = Tensor.randomNormal(x.convolved(with: w, bias: b, padding: c.padding).shape, using: &generator)
        let forward = bestMilliseconds(repetitions) { x.convolved(with: w, bias: b, padding: c.padding).count }
        let backward = bestMilliseconds(repetitions) {
            x.convolutionGradients(dout, filters: w, padding: c.padding).input.count
        }
        print(c.name.padding(toLength: 40, withPad: " ", startingAt: 0)
              + String(format: "forward %8.2f ms  backward %8.2f ms", forward, backward))
    }
    let pools: [(name: String, input: [Int])] = [
        ("pool x(50,32,32,32) 2x2 s2", [50, 32, 32, 32]), ("pool x(100,32,8,8) 2x2 s2", [100, 32, 8, 8]),
    ]
    for p in pools {
        let x = Tensor.randomNormal(p.input, using: &generator)
        let dout = Tensor.randomNormal(x.maxPooled(height: 2, width: 2, stride: 2).shape, using: &generator)
        let forward = bestMilliseconds(repetitions) { x.maxPooled(height: 2, width: 2, stride: 2).count }
        let backward = bestMilliseconds(repetitions) {
            x.maxPoolingGradient(dout, height: 2, width: 2, stride: 2).count
        }
        print(p.name.padding(toLength: 40, withPad: " ", startingAt: 0)
              + String(format: "forward %8.2f ms  backward %8.2f ms", forward, backward))
    }
}

/// The best wall-clock time of `repetitions` runs of `work`, after one run to warm up;
/// `work` returns a count so that its result is used.
func bestMilliseconds(_ repetitions: Int, _ work: () -> Int) -> Double {
    var sink = work()
    let clock = ContinuousClock()
    var best = Duration.seconds(1_000_000)
    for _ in 0..<repetitions {
        best = min(best, clock.measure { sink &+= work() })
    }
    precondition(sink > 0)
    return best.seconds * 1e3
}
