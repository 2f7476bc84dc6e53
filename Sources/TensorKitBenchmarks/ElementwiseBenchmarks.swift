// Times TensorKit's elementwise operators and reductions at the sizes of the training
// step in docs/performance.md ("Elementwise work"): Adam's update of the first layer's
// weights (3072 × 100) as the course writes it, and the single passes it is made of;
// scripts/bench_elementwise.py times numpy on the same work, in the same format.

import Foundation
import TensorKit

/// Prints the best time of `repetitions` runs of each elementwise case.
func benchmarkElementwise(repetitions: Int) {
    print("TensorKit elementwise, best of \(repetitions)")
    var generator = SeededGenerator(seed: 0)
    let w = Tensor.randomNormal([3072, 100], using: &generator)
    let dw = Tensor.randomNormal([3072, 100], using: &generator)
    let m = Tensor.randomNormal([3072, 100], using: &generator)
    let v = abs(Tensor.randomNormal([3072, 100], using: &generator))
    let x = Tensor.randomNormal([200, 3072], using: &generator)
    let row = Tensor.randomNormal([3072], using: &generator)
    let cases: [(name: String, work: () -> Tensor)] = [
        ("adam update, w (3072,100)", { adamUpdate(w, dw, m, v, t: 5) }),
        ("a + b (3072,100)", { w + dw }),
        ("0.9 * a (3072,100)", { 0.9 * w }),
        ("sqrt(a) (3072,100)", { sqrt(v) }),
        ("x - row, (200,3072) - (3072,)", { x - row }),
        ("x.sum(axis: 0), (200,3072)", { x.sum(axis: 0) }),
        ("(a * a).sum() (3072,100)", { (w * w).sum() }),
    ]
    for c in cases {
        // Reading the elements computes deferred arithmetic.
        let milliseconds = bestMilliseconds(repetitions) { c.work().scalars.count }
        print(c.name.padding(toLength: 40, withPad: " ", startingAt: 0)
              + String(format: "%8.3f ms", milliseconds))
    }
}

/// One Adam step as the course's `optim.py` writes it, tensor formula by formula:
/// fourteen passes over arrays the size of `w`.
private func adamUpdate(_ w: Tensor, _ dw: Tensor, _ m: Tensor, _ v: Tensor, t: Double) -> Tensor {
    let (beta1, beta2, learningRate, eps) = (0.9, 0.999, 1e-3, 1e-8)
    let m = beta1 * m + (1 - beta1) * dw
    let v = beta2 * v + (1 - beta2) * dw * dw
    let mHat = m / (1 - pow(beta1, t))
    let vHat = v / (1 - pow(beta2, t))
    return w - learningRate * mHat / (sqrt(vHat) + eps)
}
