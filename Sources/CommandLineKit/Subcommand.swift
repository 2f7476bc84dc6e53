/// One command of a tool (`grader check`, `lab train`), declared once for its parsing and
/// its help.
public struct Subcommand: Sendable, Hashable {
    /// Its name on the command line: `"check"`.
    public var name: String
    /// Its arguments as the usage shows them: `"NAME…"`, `"gradescope OUT.zip"`.
    public var arguments: String
    /// What it does, one paragraph for the tool's list of commands.
    public var summary: String
    /// More about it, shown in its own help under the usage line (already formatted:
    /// paragraphs and tables as they are to be printed), or `nil`.
    public var discussion: String?

    public init(_ name: String, arguments: String = "", summary: String, discussion: String? = nil) {
        self.name = name
        self.arguments = arguments
        self.summary = summary
        self.discussion = discussion
    }

    /// The name and arguments: `check NAME…`.
    var synopsis: String { arguments.isEmpty ? name : "\(name) \(arguments)" }
}
