import Foundation

/// The data-set options shared by `lab train` and `lab experiment`.
enum DataOptions {
    static let names: Set<String> = ["dataset", "data", "train-size", "val-size", "test-size"]
    static let datasets = ["digits", "cifar10", "spirals"]

    static let help = """
      --dataset NAME        digits (default; ships with BackpropLab), cifar10, or spirals
                            (three interleaved spiral arms in the plane, generated from --seed)
      --data DIR            the folder holding CIFAR-10's binary batches (data_batch_1.bin …
                            test_batch.bin); default: $\(CIFAR10.environmentVariable)
      --train-size N        train on the first N training examples only
      --val-size N          CIFAR-10 validation examples (default 1000)
      --test-size N         CIFAR-10 test examples (default 1000)
    """

    /// The data set the arguments ask for.
    static func load(_ arguments: Arguments, seed: UInt64, environment: [String: String]) throws -> Dataset {
        let name = try arguments.choice("dataset", from: datasets, default: "digits")
        let trainSize = arguments.has("train-size") ? try arguments.int("train-size", default: 0) : nil
        switch name {
        case "cifar10":
            guard let folder = arguments.string("data") ?? environment[CIFAR10.environmentVariable] else {
                throw UsageError("--dataset cifar10 needs the CIFAR-10 folder: pass --data DIR or set \(CIFAR10.environmentVariable)", command: arguments.command)
            }
            return try CIFAR10.load(directory: URL(fileURLWithPath: folder), training: trainSize ?? 9000,
                                    validation: try arguments.int("val-size", default: 1000),
                                    test: try arguments.int("test-size", default: 1000))
        case "spirals":
            return Spirals.dataset(seed: seed).limitingTraining(to: trainSize)
        default:
            return try Digits.load().limitingTraining(to: trainSize)
        }
    }
}
