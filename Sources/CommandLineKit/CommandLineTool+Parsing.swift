extension CommandLineTool {
    /// Reads `words` (the command line without the program's name): the first word that
    /// is neither an option nor an option's value is the command, and options may come
    /// before or after it, as `--name value` or `--name=value`.
    ///
    /// `-h`, `--help` anywhere, or `help` as the command, asks for help (of the command
    /// named after `help`, or of the one given); the rest of the line is then not checked.
    /// A repeatable option keeps every value; another one given twice keeps the last,
    /// so that options added at the end of a line override those before (as
    /// run_autograder's `GRADER_OPTIONS` do).
    /// - Throws: ``UsageError`` for an unknown command or option (with the closest
    ///   name, when one is close), an option without its value, a value of the wrong
    ///   kind, or (when the tool rejects them) an option of another command.
    public func parse(_ words: [String]) throws(UsageError) -> ParsedCommandLine {
        var parsed = ParsedCommandLine()
        parsed.wantsHelp = words.contains("-h") || words.contains("--help")
        var words = words[...]
        var givenOptions: [String] = []
        var commandGiven = false
        while let word = words.popFirst() {
            if word == "-h" || word == "--help" { continue }
            guard Self.looksLikeOption(word) else {
                if !commandGiven {
                    commandGiven = true
                    parsed.command = word
                } else {
                    parsed.positionals.append(word)
                }
                continue
            }
            let body = word.drop { $0 == "-" }
            let parts = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard let option = option(name) else {
                if parsed.wantsHelp { continue }
                throw unknownOption(word, command: commandGiven ? parsed.command : nil)
            }
            let command = commandGiven ? parsed.command : nil
            var given = option.repeatable ? parsed.values[name] ?? [] : []
            switch option.value {
            case .none:
                if parts.count == 2 { throw UsageError("option '\(option.flag)' takes no value", command: qualifiedName(command)) }
            case .required, .optional:
                // A required value may start with one dash (`-1`); an optional one may not,
                // so that `--hidden -x` leaves it out.
                let required = if case .required = option.value { true } else { false }
                if parts.count == 2 {
                    given.append(String(parts[1]))
                } else if let next = words.first, !next.hasPrefix(required ? "--" : "-") {
                    given.append(next)
                    words.removeFirst()
                } else if required && !parsed.wantsHelp {
                    throw UsageError("option '\(option.flag)' needs a value: \(option.synopsis)", command: qualifiedName(command))
                }
            }
            parsed.values[name] = given
            givenOptions.append(name)
        }
        if parsed.command == "help" {
            parsed.wantsHelp = true
            parsed.command = parsed.positionals.first ?? ""
            parsed.positionals = Array(parsed.positionals.dropFirst())
        }
        // A tool that needs a command shows its help when given none.
        if parsed.command.isEmpty && defaultSummary == nil { parsed.wantsHelp = true }
        if parsed.wantsHelp {
            // `help frobnicate` is the tool's help, as a command that is not one has none.
            if !commands.contains(where: { $0.name == parsed.command }) { parsed.command = "" }
            return parsed
        }
        try check(parsed, givenOptions: givenOptions)
        return parsed
    }

    /// Whether `word` is an option rather than a value: it starts with `-`, has more
    /// after it, and is not a number (`-1` is a value).
    static func looksLikeOption(_ word: String) -> Bool {
        word.hasPrefix("-") && word.count > 1 && Double(word) == nil
    }

    /// Checks what could not be checked word by word: the command exists, each option
    /// belongs to it (when the tool asks), and its values are of its kind.
    private func check(_ parsed: ParsedCommandLine, givenOptions: [String]) throws(UsageError) {
        let command = parsed.command
        if !command.isEmpty, !commands.contains(where: { $0.name == command }) {
            let advice = closestName(to: command, among: commands.map(\.name)).map { "; did you mean '\($0)'?" }
                ?? unknownCommandAdvice(command).map { "; \($0)" } ?? ""
            throw UsageError("unknown command '\(command)'\(advice)", command: name)
        }
        var seen: Set<String> = []
        for name in givenOptions {
            let option = option(name)!
            if rejectsOtherCommandsOptions && !option.belongs(to: command) {
                throw unknownOption(option.flag, command: command)
            }
            seen.insert(name)
        }
        for name in givenOptions where seen.remove(name) != nil {
            let option = option(name)!
            for value in parsed.strings(name) where !(option.kind?.accepts(value) ?? true) {
                throw UsageError("'\(option.flag) \(value)': expected \(option.kind!.expectation)", command: qualifiedName(command))
            }
        }
    }

    /// An unknown option, with the closest name among the command's options (all the
    /// tool's when the tool accepts every option everywhere, or before the command).
    private func unknownOption(_ word: String, command: String?) -> UsageError {
        let candidates = rejectsOtherCommandsOptions && command != nil ? options(of: command!) : options
        let suggestion = closestName(to: word, among: candidates.map(\.flag) + ["--help"]).map { "; did you mean '\($0)'?" } ?? ""
        return UsageError("unknown option '\(word)' for '\(qualifiedName(command))'\(suggestion)", command: qualifiedName(command))
    }
}
