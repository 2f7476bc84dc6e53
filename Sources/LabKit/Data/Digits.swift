import Curriculum
import Foundation
import TensorKit

/// The UCI handwritten digits that ship with BackpropLab: 1797 grey 8×8 images of
/// the digits 0–9 (see Resources/digits-README.md for the source and licence).
///
/// Small enough to train on in seconds, real enough to show what normalization,
/// dropout, initialization and the optimizers do.
public enum Digits {
    /// Examples held out for testing and for validation; the rest (1197) train.
    public static let testCount = 300
    public static let validationCount = 300
    /// The split is a fixed shuffle, the same on every machine.
    static let splitSeed: UInt64 = 231

    /// The shipped digits, split and preprocessed: pixels scaled from 0…16 to 0…1,
    /// then centred on the training mean.
    public static func load() throws(DatasetError) -> Dataset {
        guard let url = Bundle.module.url(forResource: "digits", withExtension: "csv",
                                          subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw .missingFile(path: "digits.csv", hint: "It should be a resource of the LabKit target; rebuild the package.")
        }
        return try dataset(csv: text, path: url.path)
    }

    /// Parses the CSV (64 pixel columns then the label, one image per line) and splits it.
    /// - Parameter path: names the file in error messages.
    static func dataset(csv text: String, path: String) throws(DatasetError) -> Dataset {
        var pixels: [Double] = []
        var labels: [Int] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: ",")
            guard fields.count == 65,
                  let label = Int(fields[64]), (0..<10).contains(label),
                  case let values = fields.prefix(64).compactMap({ Double($0) }),
                  values.count == 64
            else {
                throw .malformedFile(path: path, detail: "line \(number + 1) is not 64 pixels and a label 0-9")
            }
            pixels += values.map { $0 / 16 }
            labels.append(label)
        }
        let all = LabeledExamples(x: Tensor(shape: [labels.count, 64], scalars: pixels), labels: labels)
        var generator = SeededGenerator(seed: splitSeed)
        let order = generator.permutation(all.count)
        let test = Array(order.prefix(testCount))
        let validation = Array(order.dropFirst(testCount).prefix(validationCount))
        let training = Array(order.dropFirst(testCount + validationCount))
        return Dataset(name: "digits", classes: 10, imageShape: [1, 8, 8], centring: all.subset(training),
                       validation: all.subset(validation), test: all.subset(test))
    }
}
