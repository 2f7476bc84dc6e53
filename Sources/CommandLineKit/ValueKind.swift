/// What an option's value must be. The parser checks it, so a tool reads values that
/// are already valid, and every tool words the same mistake the same way.
public enum ValueKind: Sendable, Hashable {
    /// Any word: a path, a name, a list the tool parses itself.
    case text
    /// A whole number of at least 1: `--jobs 2`.
    case positiveInteger
    /// A whole number of at least 0 that fits 64 bits: `--seed 231`.
    case wholeNumber
    /// A finite number: `--lr 1e-3`.
    case number
    /// A number of seconds greater than 0: `--timeout 2.5`.
    case seconds
    /// One of a list of words: `--impl student`.
    case choice([String])

    /// Whether `text` is a value of this kind.
    func accepts(_ text: String) -> Bool {
        switch self {
        case .text: true
        case .positiveInteger: Int(text).map { $0 >= 1 } ?? false
        case .wholeNumber: UInt64(text) != nil
        case .number: Double(text)?.isFinite ?? false
        case .seconds: Double(text).map { $0.isFinite && $0 > 0 } ?? false
        case .choice(let words): words.contains(text)
        }
    }

    /// What a value of this kind is, for an error message: "a positive whole number".
    var expectation: String {
        switch self {
        case .text: "a value"
        case .positiveInteger: "a positive whole number"
        case .wholeNumber: "a whole number"
        case .number: "a number"
        case .seconds: "a positive number of seconds"
        case .choice(let words): "one of \(words.joined(separator: ", "))"
        }
    }
}
