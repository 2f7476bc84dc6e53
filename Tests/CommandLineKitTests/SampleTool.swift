import CommandLineKit

/// A small tool with every kind of option, for the parser's and the help's tests.
func sampleTool(strict: Bool = true) -> CommandLineTool {
    CommandLineTool(
        name: "shop", usage: "<command> [options]", abstract: "Buys and sells things.",
        commands: [
            Subcommand("buy", arguments: "ITEM…", summary: "buy the named items"),
            Subcommand("sell", arguments: "ITEM", summary: "sell one item", discussion: "Selling is final."),
        ],
        options: [
            CommandOption("count", value: .required("N", .positiveInteger), commands: ["buy", "sell"], help: "how many of each"),
            CommandOption("seed", value: .required("N", .wholeNumber), help: "seeds the prices"),
            CommandOption("price", value: .required("X", .number), commands: ["sell"], group: "Money", help: "the asking price"),
            CommandOption("wait", value: .required("S", .seconds), commands: ["buy"], help: "how long to wait for a seller"),
            CommandOption("color", value: .required("NAME", .choice(["red", "blue"])), commands: ["buy"], help: "the color"),
            CommandOption("coupon", value: .required("CODE", .text), repeatable: true, commands: ["buy"], help: "a coupon code"),
            CommandOption("receipt", value: .optional("FILE", .text), repeatable: true, help: "print a receipt, or write it to FILE"),
            CommandOption("quiet", help: "say nothing"),
        ],
        rejectsOtherCommandsOptions: strict, listsOptionsInOverview: false,
        footer: "EXIT STATUS: 0 done; 2 a usage error.")
}

/// The message of the usage error `words` make, or `nil` when they parse.
func usageError(_ words: [String], strict: Bool = true) -> String? {
    do {
        _ = try sampleTool(strict: strict).parse(words)
        return nil
    } catch {
        return error.message
    }
}
