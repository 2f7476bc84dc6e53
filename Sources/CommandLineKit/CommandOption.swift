/// One option of a command-line tool, declared once: its name, its value, the commands
/// it belongs to and its help. The parser, the generated help and the "did you mean"
/// suggestions all read it from here.
public struct CommandOption: Sendable, Hashable {
    /// The long name without its dashes: `"timeout"` for `--timeout`.
    public var name: String
    /// What follows the option: nothing (a flag), a value, or a value that may be left
    /// out.
    public var value: Value
    /// Whether it may be given more than once, each time adding a value (otherwise the
    /// last value counts). The help says so.
    public var repeatable: Bool
    /// The commands it belongs to, by name (`""` is the tool run without a command);
    /// `nil`: every command.
    public var commands: [String]?
    /// A heading the command's help lists it under (`"Data"`), or `nil` for `OPTIONS`.
    public var group: String?
    /// What it does, as one paragraph: the help wraps it.
    public var help: String

    /// What follows an option on the command line.
    public enum Value: Sendable, Hashable {
        /// Nothing: `--json`.
        case none
        /// One word, named in the help (`DIR`), of a kind the parser checks.
        case required(String, ValueKind)
        /// A word that may be left out (`--hidden [DIR]`): the next word is taken when
        /// it does not start with `-`.
        case optional(String, ValueKind)
    }

    /// - Parameters:
    ///   - name: the long name without dashes.
    ///   - value: what follows it (default: nothing, a flag).
    ///   - repeatable: whether it may be given more than once.
    ///   - commands: the commands it belongs to (`nil`: all of them).
    ///   - group: the heading it is listed under in a command's help.
    ///   - help: what it does, one paragraph.
    public init(_ name: String, value: Value = .none, repeatable: Bool = false, commands: [String]? = nil,
                group: String? = nil, help: String) {
        self.name = name
        self.value = value
        self.repeatable = repeatable
        self.commands = commands
        self.group = group
        self.help = help
    }

    /// `--name`, as written on the command line.
    public var flag: String { "--" + name }

    /// The kind of its value, `nil` for a flag.
    public var kind: ValueKind? {
        switch value {
        case .none: nil
        case .required(_, let kind), .optional(_, let kind): kind
        }
    }

    /// How the help shows it: `--out DIR`, `--hidden [DIR]`, `--json`.
    public var synopsis: String {
        switch value {
        case .none: flag
        case .required(let name, _): "\(flag) \(name)"
        case .optional(let name, _): "\(flag) [\(name)]"
        }
    }

    /// Whether it belongs to the command `name`.
    public func belongs(to command: String) -> Bool { commands?.contains(command) ?? true }
}
