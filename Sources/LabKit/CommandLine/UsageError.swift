/// A command line that `lab` cannot make sense of. It is reported with a hint to the
/// command's help, and `lab` exits with status 2.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The command whose help to point to, e.g. `lab train`.
    public var command: String

    public init(_ message: String, command: String) {
        self.message = message
        self.command = command
    }

    public var description: String {
        "error: \(message)\nRun '\(command) --help' for the options."
    }
}
