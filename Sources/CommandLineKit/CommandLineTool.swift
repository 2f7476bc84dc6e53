/// A command-line tool's whole interface as data: its commands and options, each
/// declared once. ``parse(_:)`` reads a command line against it and
/// ``help(for:)`` writes its help, so the two cannot disagree.
public struct CommandLineTool: Sendable {
    /// The program's name: `"grader"`.
    public var name: String
    /// The arguments of its usage line: `"[COMMAND] [OPTIONS]"`.
    public var usage: String
    /// What the tool does, one paragraph under the usage line, or `nil`.
    public var abstract: String?
    /// What it does without a command, for the list of commands (`nil`: it needs one).
    public var defaultSummary: String?
    public var commands: [Subcommand]
    public var options: [CommandOption]
    /// Whether an option that does not belong to the command is an error. When not,
    /// the tool accepts every option with every command, and ``CommandOption/commands``
    /// only decides where the help lists it.
    public var rejectsOtherCommandsOptions: Bool
    /// Whether the tool's own help lists the options too (not only the commands' help).
    public var listsOptionsInOverview: Bool
    /// Text at the end of every help page (exit statuses, a tip), or `nil`.
    public var footer: String?
    /// What to suggest for an unknown command when no command's name is close to it.
    public var unknownCommandAdvice: @Sendable (String) -> String?

    public init(name: String, usage: String, abstract: String? = nil, defaultSummary: String? = nil,
                commands: [Subcommand], options: [CommandOption], rejectsOtherCommandsOptions: Bool,
                listsOptionsInOverview: Bool, footer: String? = nil,
                unknownCommandAdvice: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.name = name
        self.usage = usage
        self.abstract = abstract
        self.defaultSummary = defaultSummary
        self.commands = commands
        self.options = options
        self.rejectsOtherCommandsOptions = rejectsOtherCommandsOptions
        self.listsOptionsInOverview = listsOptionsInOverview
        self.footer = footer
        self.unknownCommandAdvice = unknownCommandAdvice
    }

    /// The option named `name` (without dashes), if the tool has one.
    public func option(_ name: String) -> CommandOption? { options.first { $0.name == name } }

    /// The options of the command `name` (`""`: the tool without a command), in the
    /// order they are declared.
    public func options(of command: String) -> [CommandOption] { options.filter { $0.belongs(to: command) } }

    /// `grader` or `grader check`, as error messages and help name a command.
    func qualifiedName(_ command: String?) -> String {
        guard let command, !command.isEmpty else { return name }
        return "\(name) \(command)"
    }
}
