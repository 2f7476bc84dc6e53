/// A measured number held against a threshold: most often two tensors compared by the
/// course's relative error, which must be at most the threshold; sometimes a score,
/// such as a training accuracy, which must be at least it (see ``direction``).
public struct Comparison: Sendable, Hashable, Codable {
    /// What was compared: `"dx"`, `"loss"`.
    public var quantity: String
    /// Against what: `"fixture 'train'"`, `"numeric gradient"`.
    public var reference: String
    /// The measured number: the largest elementwise relative error, or the deviation
    /// or score in ``measure``.
    public var error: Double
    public var threshold: Double
    /// What ``error`` counts, when it is not the relative error: `"standard deviations"`.
    public var measure: String? = nil
    /// Whether ``error`` must be at most ``threshold`` (an error) or at least it (a score).
    public var direction: Direction = .atMost
    /// Where the largest relative error is, and the two values there.
    public var index: [Int]
    public var got: Double
    public var expected: Double

    /// Whether the measured number is on the right side of the threshold (never when it
    /// is NaN).
    public var passed: Bool { direction.allows(error, threshold: threshold) }
}

extension Comparison {
    private enum CodingKeys: String, CodingKey {
        case quantity, reference, error, threshold, measure, direction, index, got, expected
    }

    /// Decodes a comparison; one written before comparisons had a direction (a staff
    /// report kept from an earlier run) is an error that must be at most its threshold.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        quantity = try container.decode(String.self, forKey: .quantity)
        reference = try container.decode(String.self, forKey: .reference)
        error = try container.decode(Double.self, forKey: .error)
        threshold = try container.decode(Double.self, forKey: .threshold)
        measure = try container.decodeIfPresent(String.self, forKey: .measure)
        direction = try container.decodeIfPresent(Direction.self, forKey: .direction) ?? .atMost
        index = try container.decode([Int].self, forKey: .index)
        got = try container.decode(Double.self, forKey: .got)
        expected = try container.decode(Double.self, forKey: .expected)
    }
}
