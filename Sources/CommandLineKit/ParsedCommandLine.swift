/// A command line read against a ``CommandLineTool``: the command, the words after it,
/// and the options given, with values already checked against their kinds.
public struct ParsedCommandLine: Sendable, Hashable {
    /// The command (`"check"`), or `""` when none was given.
    public var command: String = ""
    /// Words that are neither the command nor options, in order.
    public var positionals: [String] = []
    /// Whether `-h`, `--help` or `help` asked for the help of ``command``.
    public var wantsHelp = false
    /// The values given to each option, in order (an empty list for a flag, or for an
    /// optional value left out).
    var values: [String: [String]] = [:]

    public init() {}

    /// Whether `--name` was given.
    public func has(_ name: String) -> Bool { values[name] != nil }

    /// The value of `--name`, if given; the last one when given more than once.
    public func string(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable `--name`, in order.
    public func strings(_ name: String) -> [String] { values[name] ?? [] }

    /// The value of `--name` as a whole number (a ``ValueKind/positiveInteger`` option).
    public func integer(_ name: String) -> Int? { string(name).flatMap { Int($0) } }

    /// The value of `--name` as a 64-bit whole number (a ``ValueKind/wholeNumber`` option).
    public func wholeNumber(_ name: String) -> UInt64? { string(name).flatMap { UInt64($0) } }

    /// The value of `--name` as a number (``ValueKind/number`` or ``ValueKind/seconds``).
    public func number(_ name: String) -> Double? { string(name).flatMap { Double($0) } }
}
