/// A command line that cannot be run, with what is wrong. The tool reports it with a
/// pointer to its help and exits with status 2.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in a sentence: `unknown option '--jsno' for 'grader'; did you mean '--json'?`.
    public var message: String
    /// The command whose help to point to, e.g. `lab train`; `nil` when the error is not
    /// about one command.
    public var command: String?

    public init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    public var description: String { message }
}
