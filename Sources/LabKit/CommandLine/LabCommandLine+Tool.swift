import CommandLineKit
import Curriculum

extension LabCommandLine {
    /// `lab`'s commands and options: the one table its parsing, its help and its
    /// suggestions come from. An option belongs to the commands it lists, and is an
    /// error with any other.
    public static let tool = CommandLineTool(
        name: "lab", usage: "<command> [options]",
        abstract: "Train the networks you built in Sources/Exercises, and run the course's experiments.",
        commands: [
            Subcommand("train", summary: "train a network on a data set; writes its history and charts",
                       discussion: TrainCommand.discussion),
            Subcommand("experiment", arguments: "NAME", summary: "run one of the course's experiments (lab experiment list)",
                       discussion: ExperimentCommand.discussion),
        ],
        options: [
            CommandOption("impl", value: .required("NAME", .choice(["student", "solutions"])), commands: both,
                          group: "Whose code",
                          help: "student (your Sources/Exercises, the default) or solutions (the reference, when the package has it)"),
        ] + DataOptions.options + TrainCommand.options + [
            CommandOption("tiny", commands: ["experiment"], group: "Run",
                          help: "shrink data, widths and epochs so it takes seconds (the numbers then mean little; for tests and trying things out)"),
            CommandOption("seed", value: .required("N", .wholeNumber), commands: both, group: "Run",
                          help: "seeds the initial weights and the example order (default 0)"),
            CommandOption("out", value: .required("DIR", .text), commands: both, group: "Output",
                          help: "where to write (default lab-runs/train, or lab-runs/experiments)"),
        ] + TrainCommand.outputOptions,
        rejectsOtherCommandsOptions: true, listsOptionsInOverview: false,
        footer: "Build with optimizations, or training is slow:  swift run -c release lab train")

    /// The commands that share an option.
    static let both = ["train", "experiment"]
}
