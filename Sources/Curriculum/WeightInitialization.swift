import TensorKit

/// How a layer's initial weights are drawn: a zero-mean normal whose standard
/// deviation is fixed, or chosen from the layer's fan-in.
public enum WeightInitialization: Sendable, Hashable, Codable {
    /// Standard deviation `scale` for every layer (the course's `weight_scale`).
    case scale(Double)
    /// Xavier: standard deviation `√(1 / fanIn)`, keeping the variance of activations
    /// roughly constant through linear or tanh layers.
    case xavier
    /// Kaiming (He): standard deviation `√(2 / fanIn)`, compensating for ReLU zeroing
    /// half of its inputs.
    case kaiming

    /// The standard deviation for a layer with `fanIn` inputs.
    public func standardDeviation(fanIn: Int) -> Double {
        switch self {
        case .scale(let s): s
        case .xavier: (1 / Double(fanIn)).squareRoot()
        case .kaiming: (2 / Double(fanIn)).squareRoot()
        }
    }

    /// Initial weights of shape `(fanIn, fanOut)`.
    public func weights(fanIn: Int, fanOut: Int, using generator: inout SeededGenerator) -> Tensor {
        Tensor.randomNormal([fanIn, fanOut], standardDeviation: standardDeviation(fanIn: fanIn),
                            using: &generator)
    }
}
