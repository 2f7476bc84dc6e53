#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// ANSI colors, used only on a terminal, and never when `NO_COLOR` is set or
/// `--no-color` is given.
public struct TextStyle: Sendable {
    public var colors: Bool

    public init(colors: Bool) { self.colors = colors }

    /// Colors when standard output is a terminal and nobody said otherwise.
    public static func automatic(noColorFlag: Bool) -> TextStyle {
        let environment = ProcessInfo.processInfo.environment
        return TextStyle(colors: !noColorFlag && environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1)
    }

    func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func green(_ s: String) -> String { paint(s, "32") }
    func red(_ s: String) -> String { paint(s, "31") }
    func yellow(_ s: String) -> String { paint(s, "33") }
    public func dim(_ s: String) -> String { paint(s, "2") }
    public func bold(_ s: String) -> String { paint(s, "1") }

    func symbol(_ status: ExerciseStatus) -> String {
        switch status {
        case .passed: green(status.symbol)
        case .failed: red(status.symbol)
        case .crashed: yellow(status.symbol)
        case .notStarted, .disabled: dim(status.symbol)
        }
    }

    func symbol(_ status: CheckStatus) -> String {
        switch status {
        case .passed: green("✓")
        case .failed: red("✗")
        case .notStarted: dim("·")
        case .crashed, .timedOut, .error: yellow("!")
        }
    }
}
