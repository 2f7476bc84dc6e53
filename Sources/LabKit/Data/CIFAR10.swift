import Curriculum
import Foundation
import TensorKit

/// CIFAR-10 from the official binary batches, for users who have downloaded them.
///
/// The "CIFAR-10 binary version" from https://www.cs.toronto.edu/~kriz/cifar.html
/// unpacks to `data_batch_1.bin` … `data_batch_5.bin` (10 000 images each) and
/// `test_batch.bin`. Each record is one label byte (0–9) followed by a 32×32 colour
/// image as 3072 bytes: the red plane, then green, then blue, each row-major. An
/// input row here is those 3072 values scaled to 0…1 and centred on the training mean.
public enum CIFAR10 {
    /// The training batches, in the order examples are taken from them.
    public static let trainingFiles = (1...5).map { "data_batch_\($0).bin" }
    public static let testFile = "test_batch.bin"
    /// Bytes in one record: the label and 3 × 32 × 32 pixels.
    public static let recordSize = 1 + 3072
    /// The environment variable that names the folder when `--data` does not.
    public static let environmentVariable = "CIFAR10_DIR"
    public static let classNames = ["airplane", "automobile", "bird", "cat", "deer",
                                    "dog", "frog", "horse", "ship", "truck"]

    /// Loads the first `training + validation` records of the training batches (the
    /// validation set follows the training set, as in the course) and the first
    /// `test` records of the test batch. Only the files needed are read.
    /// - Throws: ``DatasetError`` naming a file that is missing, truncated, or has a
    ///   label outside 0–9, or saying that the files hold too few records.
    public static func load(directory: URL, training: Int, validation: Int,
                            test: Int) throws(DatasetError) -> Dataset {
        var train = Records()
        for file in trainingFiles where train.count < training + validation {
            try train.append(contentsOf: directory.appendingPathComponent(file),
                             limit: training + validation - train.count)
        }
        guard train.count == training + validation else {
            throw .notEnoughExamples(requested: training + validation, available: train.count,
                                     files: "the training batches in \(directory.path)")
        }
        var testRecords = Records()
        try testRecords.append(contentsOf: directory.appendingPathComponent(testFile), limit: test)
        guard testRecords.count == test else {
            throw .notEnoughExamples(requested: test, available: testRecords.count,
                                     files: directory.appendingPathComponent(testFile).path)
        }
        let all = train.examples
        return Dataset(name: "cifar10", classes: 10, imageShape: [3, 32, 32],
                       centring: all.prefix(training),
                       validation: all.subset(Array(training..<(training + validation))),
                       test: testRecords.examples)
    }

    /// Records read so far, as scaled pixels and labels.
    struct Records {
        var pixels: [Double] = []
        var labels: [Int] = []
        var count: Int { labels.count }

        var examples: LabeledExamples {
            LabeledExamples(x: Tensor(shape: [count, recordSize - 1], scalars: pixels), labels: labels)
        }

        /// Appends up to `limit` records from the file at `url`.
        mutating func append(contentsOf url: URL, limit: Int) throws(DatasetError) {
            guard limit > 0 else { return }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .missingFile(path: url.path, hint: "Download the CIFAR-10 binary version from https://www.cs.toronto.edu/~kriz/cifar.html, unpack it, and pass its folder with --data or \(environmentVariable).")
            }
            guard data.count % recordSize == 0 else {
                throw .truncatedFile(path: url.path, detail: "\(data.count) bytes is not a whole number of \(recordSize)-byte records (\(data.count / recordSize) records and \(data.count % recordSize) bytes left over)")
            }
            let records = Swift.min(limit, data.count / recordSize)
            pixels.reserveCapacity(pixels.count + records * (recordSize - 1))
            let bytes = [UInt8](data.prefix(records * recordSize))
            for r in 0..<records {
                let start = r * recordSize
                let label = Int(bytes[start])
                guard label < 10 else {
                    throw .malformedFile(path: url.path, detail: "record \(r) has label \(label); labels are 0-9")
                }
                labels.append(label)
                for i in (start + 1)..<(start + recordSize) {
                    pixels.append(Double(bytes[i]) / 255)
                }
            }
        }
    }
}
