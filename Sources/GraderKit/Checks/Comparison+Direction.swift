extension Comparison {
    /// Which side of its threshold a measured number must be on.
    public enum Direction: String, Sendable, Hashable, Codable {
        /// An error or a deviation: the smaller the better, up to the threshold.
        case atMost = "at-most"
        /// A score, such as an accuracy: the larger the better, from the threshold up.
        case atLeast = "at-least"

        /// Whether `value` is on this side of `threshold`. NaN is on neither.
        public func allows(_ value: Double, threshold: Double) -> Bool {
            switch self {
            case .atMost: value <= threshold
            case .atLeast: value >= threshold
            }
        }

        /// The relation a passing value has to the threshold: `≤` or `≥`.
        public var symbol: String {
            switch self {
            case .atMost: "≤"
            case .atLeast: "≥"
            }
        }
    }

    /// Whether this comparison came closer to failing than `other` (of the same
    /// direction): a larger error, or a smaller score.
    public func isCloserToFailing(than other: Comparison) -> Bool {
        switch direction {
        case .atMost: error > other.error
        case .atLeast: error < other.error
        }
    }

    /// Of two comparisons a check passed, the one that came closer to failing: the one a
    /// passing check reports.
    public static func closerToFailing(_ first: Comparison?, _ second: Comparison?) -> Comparison? {
        guard let first, let second else { return first ?? second }
        return second.isCloserToFailing(than: first) ? second : first
    }
}
