import CommandLineKit
import Testing

@Suite("Parsing a command line against a tool's table")
struct ParsingTests {
    @Test("the command is the first word that is not an option; options may come before or after it")
    func commandAndPositionals() throws {
        let parsed = try sampleTool().parse(["--quiet", "buy", "apple", "--count", "3", "pear"])
        #expect(parsed.command == "buy" && parsed.positionals == ["apple", "pear"])
        #expect(parsed.has("quiet") && parsed.integer("count") == 3 && !parsed.has("seed"))
    }

    @Test("a value follows its option or is joined to it with '='")
    func valueForms() throws {
        let parsed = try sampleTool().parse(["sell", "car", "--price=-2.5", "--seed", "7"])
        #expect(parsed.number("price") == -2.5 && parsed.wholeNumber("seed") == 7)
        #expect(try sampleTool().parse(["sell", "car", "--price", "-2.5"]).number("price") == -2.5,
                "a negative number is a value, not an option")
    }

    @Test("a repeatable option keeps every value; another keeps the last")
    func repeatedOptions() throws {
        let parsed = try sampleTool().parse(["buy", "x", "--coupon", "A", "--count", "1", "--coupon", "B", "--count", "2"])
        #expect(parsed.strings("coupon") == ["A", "B"])
        #expect(parsed.integer("count") == 2 && parsed.strings("count") == ["2"])
    }

    @Test("an optional value is taken when the next word is not an option")
    func optionalValues() throws {
        #expect(try sampleTool().parse(["buy", "--receipt", "--quiet"]).strings("receipt") == [])
        #expect(try sampleTool().parse(["buy", "--receipt", "--quiet"]).has("receipt"))
        #expect(try sampleTool().parse(["buy", "--receipt", "r.txt"]).strings("receipt") == ["r.txt"])
        #expect(try sampleTool().parse(["buy", "--receipt"]).has("receipt"))
    }

    @Test("help is asked for with -h, --help anywhere, or the help command, of the tool or of a command")
    func help() throws {
        #expect(try sampleTool().parse(["--help"]).wantsHelp)
        let command = try sampleTool().parse(["sell", "-h"])
        #expect(command.wantsHelp && command.command == "sell")
        let named = try sampleTool().parse(["help", "buy"])
        #expect(named.wantsHelp && named.command == "buy")
        let unknown = try sampleTool().parse(["help", "steal"])
        #expect(unknown.wantsHelp && unknown.command == "", "a command that does not exist has no help: the tool's")
        #expect(try sampleTool().parse(["buy", "--colr", "--help"]).wantsHelp, "help is shown even when the line has mistakes")
        #expect(try sampleTool().parse([]).wantsHelp, "a tool that needs a command shows its help without one")
    }

    @Test("mistakes are usage errors that name the option and say what was expected", arguments: [
        (["buy", "--colr", "red"], "unknown option '--colr' for 'shop buy'; did you mean '--color'?"),
        (["bye"], "unknown command 'bye'; did you mean 'buy'?"),
        (["frobnicate"], "unknown command 'frobnicate'"),
        (["buy", "--count"], "option '--count' needs a value: --count N"),
        (["buy", "--count", "--quiet"], "option '--count' needs a value: --count N"),
        (["buy", "--quiet=yes"], "option '--quiet' takes no value"),
        (["buy", "--count", "0"], "'--count 0': expected a positive whole number"),
        (["buy", "--count", "two"], "'--count two': expected a positive whole number"),
        (["buy", "--seed", "-1"], "'--seed -1': expected a whole number"),
        (["sell", "x", "--price", "cheap"], "'--price cheap': expected a number"),
        (["buy", "--wait", "0"], "'--wait 0': expected a positive number of seconds"),
        (["buy", "--color", "green"], "'--color green': expected one of red, blue"),
        (["sell", "x", "--color", "red"], "unknown option '--color' for 'shop sell'"),
    ])
    func mistakes(words: [String], message: String) {
        #expect(usageError(words) == message)
    }

    @Test("a usage error names the command whose help to read")
    func errorCommand() {
        #expect(throws: UsageError("unknown option '--colr' for 'shop buy'; did you mean '--color'?", command: "shop buy")) {
            try sampleTool().parse(["buy", "--colr"])
        }
        #expect(throws: UsageError("unknown command 'bye'; did you mean 'buy'?", command: "shop")) {
            try sampleTool().parse(["bye"])
        }
    }

    @Test("a tool that accepts every option with every command still rejects unknown ones")
    func permissiveTool() {
        #expect(usageError(["sell", "x", "--color", "red"], strict: false) == nil)
        #expect(usageError(["sell", "x", "--colour", "red"], strict: false)
                == "unknown option '--colour' for 'shop sell'; did you mean '--color'?")
    }
}
