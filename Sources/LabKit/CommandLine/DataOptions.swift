import CommandLineKit
import Foundation

/// The data-set options shared by `lab train` and `lab experiment`.
enum DataOptions {
    /// The options that choose the data set, shared by both commands.
    static let options: [CommandOption] = [
        CommandOption("dataset", value: .required("NAME", .choice(["digits", "cifar10", "spirals"])), commands: LabCommandLine.both,
                      group: "Data",
                      help: "digits (default; ships with BackpropLab), cifar10, or spirals (three interleaved spiral arms in the plane, generated from --seed)"),
        CommandOption("data", value: .required("DIR", .text), commands: LabCommandLine.both, group: "Data",
                      help: "the folder holding CIFAR-10's binary batches (data_batch_1.bin … test_batch.bin); default: $\(CIFAR10.environmentVariable)"),
        CommandOption("train-size", value: .required("N", .positiveInteger), commands: LabCommandLine.both, group: "Data",
                      help: "train on the first N training examples only"),
        CommandOption("val-size", value: .required("N", .positiveInteger), commands: LabCommandLine.both, group: "Data",
                      help: "CIFAR-10 validation examples (default 1000)"),
        CommandOption("test-size", value: .required("N", .positiveInteger), commands: LabCommandLine.both, group: "Data",
                      help: "CIFAR-10 test examples (default 1000)"),
    ]

    /// The data set the arguments ask for.
    static func load(_ arguments: ParsedCommandLine, seed: UInt64, environment: [String: String]) throws -> Dataset {
        let name = arguments.string("dataset") ?? "digits"
        let trainSize = arguments.integer("train-size")
        switch name {
        case "cifar10":
            guard let folder = arguments.string("data") ?? environment[CIFAR10.environmentVariable] else {
                throw UsageError("--dataset cifar10 needs the CIFAR-10 folder: pass --data DIR or set \(CIFAR10.environmentVariable)", command: "lab \(arguments.command)")
            }
            return try CIFAR10.load(directory: URL(fileURLWithPath: folder), training: trainSize ?? 9000,
                                    validation: arguments.integer("val-size") ?? 1000,
                                    test: arguments.integer("test-size") ?? 1000)
        case "spirals":
            return Spirals.dataset(seed: seed).limitingTraining(to: trainSize)
        default:
            return try Digits.load().limitingTraining(to: trainSize)
        }
    }
}
