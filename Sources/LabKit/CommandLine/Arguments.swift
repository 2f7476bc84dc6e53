/// A parsed command line: `--name value` (or `--name=value`) options, `--flag`
/// switches and positional words, checked against the names a command accepts.
struct Arguments {
    private var values: [String: String] = [:]
    private var switches: Set<String> = []
    /// Words that are not options, in order.
    private(set) var positionals: [String] = []
    /// The command, for error messages (`lab train`).
    let command: String

    /// - Parameters:
    ///   - words: the words after the command's name.
    ///   - options: names (without `--`) that take a value.
    ///   - flags: names that take none. `--help` and `-h` are always accepted.
    init(_ words: [String], command: String, options: Set<String>, flags: Set<String>) throws(UsageError) {
        self.command = command
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "-h" || word == "--help" {
                switches.insert("help")
                continue
            }
            guard word.hasPrefix("-"), word.count > 1, Double(word) == nil else {
                positionals.append(word)
                continue
            }
            let body = word.drop { $0 == "-" }
            let parts = body.split(separator: "=", maxSplits: 1)
            let name = String(parts.first ?? "")
            if flags.contains(name) {
                if parts.count == 2 { throw UsageError("option '--\(name)' takes no value", command: command) }
                switches.insert(name)
            } else if options.contains(name) {
                if parts.count == 2 {
                    values[name] = String(parts[1])
                } else if index < words.count {
                    values[name] = words[index]
                    index += 1
                } else {
                    throw UsageError("option '--\(name)' needs a value", command: command)
                }
            } else {
                throw UsageError("unknown option '\(word)' for '\(command)'", command: command)
            }
        }
    }

    /// Whether `--name` was given (for flags and options alike).
    func has(_ name: String) -> Bool { switches.contains(name) || values[name] != nil }

    func string(_ name: String) -> String? { values[name] }

    func int(_ name: String, default value: Int, minimum: Int = 1) throws(UsageError) -> Int {
        guard let text = values[name] else { return value }
        guard let number = Int(text), number >= minimum else {
            throw UsageError("'--\(name) \(text)': expected a whole number of at least \(minimum)", command: command)
        }
        return number
    }

    func double(_ name: String) throws(UsageError) -> Double? {
        guard let text = values[name] else { return nil }
        guard let number = Double(text), number.isFinite else {
            throw UsageError("'--\(name) \(text)': expected a number", command: command)
        }
        return number
    }

    func choice(_ name: String, from choices: [String], default value: String) throws(UsageError) -> String {
        guard let text = values[name] else { return value }
        guard choices.contains(text) else {
            throw UsageError("'--\(name) \(text)': expected one of \(choices.joined(separator: ", "))", command: command)
        }
        return text
    }
}
