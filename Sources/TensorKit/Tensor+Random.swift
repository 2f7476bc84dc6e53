// Random tensors, always from an explicit ``SeededGenerator``.

extension Tensor {
    /// Normal samples of the given shape.
    /// - Parameters:
    ///   - shape: the shape of the result.
    ///   - mean: the mean of the distribution.
    ///   - standardDeviation: its standard deviation.
    ///   - generator: the source of randomness; it advances by the samples drawn.
    public static func randomNormal(
        _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1,
        using generator: inout SeededGenerator
    ) -> Tensor {
        validate(shape: shape)
        return filling(shape) { out in
            for i in 0..<out.count { out[i] = mean + standardDeviation * generator.nextNormal() }
        }
    }

    /// Uniform samples in `[low, high)` of the given shape.
    public static func randomUniform(
        _ shape: [Int], low: Double = 0, high: Double = 1,
        using generator: inout SeededGenerator
    ) -> Tensor {
        validate(shape: shape)
        return filling(shape) { out in
            for i in 0..<out.count { out[i] = low + (high - low) * generator.nextUniform() }
        }
    }
}
