import TensorKit

extension Tensor {
    /// Normal samples from a generator seeded with `seed`: reproducible test inputs in
    /// one expression.
    static func randomNormal(
        _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1, seed: UInt64
    ) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return randomNormal(shape, mean: mean, standardDeviation: standardDeviation, using: &generator)
    }
}
