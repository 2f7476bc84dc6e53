// Times one training step, ours against the course's numpy code, in one run, round after
// round (`StepComparison`):
//
//     swift run -c release train-bench [rounds] [steps] [--no-numpy]
//     swift run -c release train-bench convnet [rounds] [steps] [--no-numpy]
//
// Without `convnet`: the course's five-layer net (3072 → 100 ×4 → 10, batch 200, batch
// norm, dropout keep 0.5, L2 1e-3, Adam on every parameter), three ways:
//
//   - reference: the reference solutions (`FullyConnectedNet.loss`, `Optimizers.adam`);
//   - student-style: the same step as a student writes it with TensorKit
//     (`StudentStyleNet`);
//   - numpy: scripts/bench_train.py, the course's numpy code.
//
// With `convnet`: the course's three-layer ConvNet on a CIFAR-10-shaped batch of 50
// (conv 32 × 7×7 – ReLU – 2×2 max pool – affine 100 – ReLU – affine 10, L2 1e-3, Adam on
// every parameter; `ReferenceStep+ConvNet.swift`), two ways:
//
//   - reference: the reference `ConvNet` (TensorKit's fast convolution and pooling),
//     then `Optimizers.adam`;
//   - numpy: scripts/bench_convnet_train.py, the course's fast layers without Cython.
//
// Each round times `steps` steps of each (default 20, 10 with `convnet`; 5 rounds). The
// table gives the best round per step and the median over rounds of the ratio to numpy
// (numpy's time / ours: above 1 is faster than numpy).

import Foundation
import Solutions
import TensorKit

var arguments = Array(CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("--") })
let convNet = arguments.first == "convnet"
if convNet { arguments.removeFirst() }
let comparison = StepComparison(
    rounds: arguments.first.flatMap { Int($0) } ?? 5,
    steps: arguments.dropFirst().first.flatMap { Int($0) } ?? (convNet ? 10 : 20),
    numpyScript: CommandLine.arguments.contains("--no-numpy") ? nil
        : convNet ? "bench_convnet_train.py" : "bench_train.py")

/// A batch of standard normal inputs and uniform labels, the same every run.
/// - Parameters:
///   - shape: the inputs' shape, `(N, …)`.
///   - classes: labels are drawn from `0..<classes`.
/// - Returns: `x` of `shape` and `N` labels.
func seededBatch(_ shape: [Int], classes: Int) -> (x: Tensor, labels: [Int]) {
    var generator = SeededGenerator(seed: 0)
    let x = Tensor.randomNormal(shape, using: &generator)
    return (x, (0..<shape[0]).map { _ in Int.random(in: 0..<classes, using: &generator) })
}

#if DEBUG
print("train-bench: debug build (use -c release for the figures in docs/performance.md)")
#endif
if convNet {
    let (x, labels) = seededBatch([50, 3, 32, 32], classes: 10)
    var reference = ReferenceStep<ConvNet>(threeLayerSeed: 1)
    comparison.run([("reference", "reference (Solutions)", { reference.trainStep(x, labels: labels) })])
} else {
    let sizes = [3072, 100, 100, 100, 100, 10]
    let (x, labels) = seededBatch([200, sizes[0]], classes: sizes.last!)
    var reference = ReferenceStep(sizes: sizes, reg: 1e-3, keep: 0.5, seed: 1)
    var student = StudentStyleNet(sizes: sizes, reg: 1e-3, keep: 0.5, seed: 1)
    comparison.run([
        ("reference", "reference (Solutions)", { reference.trainStep(x, labels: labels) }),
        ("student-style", "student-style", { student.trainStep(x, labels: labels) }),
    ])
}
