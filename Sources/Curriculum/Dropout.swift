import TensorKit

/// The settings of one dropout layer: what the course keeps in `dropout_param`.
public struct DropoutParameters: Sendable, Hashable, Codable {
    /// The probability that a unit is **kept** (not the probability that it is dropped).
    public var keepProbability: Double
    /// `.train` drops units; `.test` passes the input through unchanged.
    public var mode: Mode
    /// When set, every forward pass with this seed draws the same mask.
    public var seed: UInt64?

    public init(keepProbability: Double, mode: Mode, seed: UInt64? = nil) {
        self.keepProbability = keepProbability
        self.mode = mode
        self.seed = seed
    }

    /// The generator a forward pass draws its mask from: seeded by ``seed`` when it is
    /// set, so the mask is reproducible, and from fresh system entropy otherwise.
    public func makeGenerator() -> SeededGenerator {
        SeededGenerator(seed: seed ?? UInt64.random(in: .min ... .max))
    }
}

/// Exercise `dropout`: inverted dropout.
public protocol DropoutLayer: Sendable {
    associatedtype Cache
    init()

    /// - Parameters:
    ///   - x: inputs of any shape.
    ///   - parameters: keep probability, mode and optional seed.
    /// - Returns: `out` in `x`'s shape and the cache.
    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Cache)

    /// - Returns: `dx` in `x`'s shape.
    func backward(_ dout: Tensor, cache: Cache) -> Tensor
}
