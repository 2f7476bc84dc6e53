import Foundation

/// Where `lab` writes, and what it knows about its surroundings; tests substitute
/// their own to capture the output.
public struct Console: Sendable {
    /// Writes text as is to standard output.
    public var write: @Sendable (String) -> Void
    /// Writes a line to standard error.
    public var error: @Sendable (String) -> Void
    /// Whether standard output is a terminal (progress bars) or a file (plain lines).
    public var isTerminal: Bool
    /// The environment variables (for `CIFAR10_DIR`).
    public var environment: [String: String]

    public init(write: @escaping @Sendable (String) -> Void, error: @escaping @Sendable (String) -> Void,
                isTerminal: Bool, environment: [String: String]) {
        self.write = write
        self.error = error
        self.isTerminal = isTerminal
        self.environment = environment
    }

    /// The process's standard output and error.
    public static var standard: Console {
        Console(write: { FileHandle.standardOutput.write(Data($0.utf8)) },
                error: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
                isTerminal: isatty(STDOUT_FILENO) != 0,
                environment: ProcessInfo.processInfo.environment)
    }

    /// Writes a line to standard output.
    public func print(_ line: String) { write(line + "\n") }
}
