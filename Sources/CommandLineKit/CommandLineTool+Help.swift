extension CommandLineTool {
    /// Where an option's or command's description starts in a help line.
    static let descriptionColumn = 24
    /// The width help text is wrapped to.
    static let lineWidth = 92

    /// The help of `command`, or the tool's own help (its commands, and its options when
    /// ``listsOptionsInOverview``) for `""` or a command it does not have.
    public func help(for command: String = "") -> String {
        guard let subcommand = commands.first(where: { $0.name == command }) else { return overview }
        var sections = ["USAGE: \(qualifiedName(subcommand.name))\(subcommand.arguments.isEmpty ? "" : " " + subcommand.arguments) [OPTIONS]",
                        Self.wrap(subcommand.summary, indent: 0)]
        if let discussion = subcommand.discussion { sections.append(discussion) }
        sections += optionSections(options(of: command), annotated: false)
        if let footer { sections.append(footer) }
        return sections.joined(separator: "\n\n")
    }

    /// The tool's own help: usage, commands, and (when asked) every option with the
    /// commands it belongs to.
    var overview: String {
        var sections = ["USAGE: \(name) \(usage)"]
        if let abstract { sections.append(Self.wrap(abstract, indent: 0)) }
        var commandLines = ["COMMANDS:"]
        if let defaultSummary { commandLines.append(Self.entry("(none)", defaultSummary)) }
        commandLines += commands.map { Self.entry($0.synopsis, $0.summary) }
        commandLines.append(Self.entry("help [COMMAND]", "show this help, or a command's (also: COMMAND --help)"))
        sections.append(commandLines.joined(separator: "\n"))
        if listsOptionsInOverview { sections += optionSections(options, annotated: true) }
        if let footer { sections.append(footer) }
        return sections.joined(separator: "\n\n")
    }

    /// The options under their headings, in the order of their first option; `-h,
    /// --help` ends the list without a heading (`OPTIONS:`, last when every option has one).
    /// - Parameter annotated: whether to say which commands an option belongs to, when
    ///   not to the tool without a command (the tool's own help).
    private func optionSections(_ options: [CommandOption], annotated: Bool) -> [String] {
        var groups: [(heading: String, lines: [String])] = []
        for option in options {
            let heading = option.group.map { $0 + ":" } ?? "OPTIONS:"
            var text = option.help + (option.repeatable ? "; repeatable" : "")
            if annotated, let commands = option.commands, !commands.contains("") {
                text = "(\(commands.joined(separator: ", "))) " + text
            }
            let line = Self.entry(option.synopsis, text)
            if let index = groups.firstIndex(where: { $0.heading == heading }) {
                groups[index].lines.append(line)
            } else {
                groups.append((heading, [line]))
            }
        }
        let help = Self.entry("-h, --help", "show this help")
        if let index = groups.firstIndex(where: { $0.heading == "OPTIONS:" }) {
            groups[index].lines.append(help)
        } else {
            groups.append(("OPTIONS:", [help]))
        }
        return groups.map { ([$0.heading] + $0.lines).joined(separator: "\n") }
    }

    /// `  --out DIR             description…`, wrapped; a long synopsis puts the
    /// description on the next line.
    static func entry(_ synopsis: String, _ description: String) -> String {
        let head = "  " + synopsis
        let body = wrap(description, indent: descriptionColumn)
        guard head.count + 2 <= descriptionColumn else { return head + "\n" + body }
        return head + String(body.dropFirst(head.count))
    }

    /// `text` wrapped at word boundaries to ``lineWidth``, every line indented by
    /// `indent` spaces.
    static func wrap(_ text: String, indent: Int) -> String {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty && indent + line.count + 1 + word.count > lineWidth {
                lines.append(margin + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(margin + line)
        return lines.joined(separator: "\n")
    }
}
