import CommandLineKit
import Testing

@Suite("Help generated from a tool's table")
struct HelpTests {
    @Test("the tool's help lists every command once, and help itself")
    func overview() {
        let help = sampleTool().help()
        #expect(help.hasPrefix("USAGE: shop <command> [options]\n\nBuys and sells things.\n\nCOMMANDS:\n"))
        #expect(help.contains("\n  buy ITEM…" + String(repeating: " ", count: 13) + "buy the named items\n"))
        #expect(help.contains("\n  sell ITEM" + String(repeating: " ", count: 13) + "sell one item\n"))
        #expect(help.contains("\n  help [COMMAND]        show this help"))
        #expect(!help.contains("--count"), "this tool lists options in its commands' help only")
        #expect(help.hasSuffix("EXIT STATUS: 0 done; 2 a usage error."))
    }

    @Test("a command's help lists exactly its options, each once, under their headings")
    func commandHelp() {
        let sell = sampleTool().help(for: "sell")
        #expect(sell == """
            USAGE: shop sell ITEM [OPTIONS]

            sell one item

            Selling is final.

            OPTIONS:
              --count N             how many of each
              --seed N              seeds the prices
              --receipt [FILE]      print a receipt, or write it to FILE; repeatable
              --quiet               say nothing
              -h, --help            show this help

            Money:
              --price X             the asking price

            EXIT STATUS: 0 done; 2 a usage error.
            """)
        let buy = sampleTool().help(for: "buy")
        for option in sampleTool().options {
            let count = buy.split(separator: "\n").filter { $0.hasPrefix("  " + option.synopsis + " ") }.count
            #expect(count == (option.belongs(to: "buy") ? 1 : 0), "\(option.flag)")
        }
        #expect(buy.contains("--coupon CODE         a coupon code; repeatable"))
    }

    @Test("a long description wraps under its column; a long option puts it on the next line")
    func wrapping() {
        let tool = CommandLineTool(
            name: "t", usage: "[OPTIONS]", defaultSummary: "do it",
            commands: [],
            options: [CommandOption("a-very-long-option-name", value: .required("VALUE", .text),
                                    help: String(repeating: "word ", count: 30))],
            rejectsOtherCommandsOptions: false, listsOptionsInOverview: true)
        let lines = tool.help().split(separator: "\n")
        let start = lines.firstIndex { $0.hasPrefix("  --a-very-long-option-name VALUE") }!
        #expect(lines[start] == "  --a-very-long-option-name VALUE")
        #expect(lines[(start + 1)...].prefix(2).allSatisfy { $0.hasPrefix(String(repeating: " ", count: 24) + "word") })
        #expect(lines.allSatisfy { $0.count <= 92 })
    }
}
