import Curriculum
import Foundation
@testable import LabKit
import Testing
import TensorKit

@Suite("Data sets")
struct DataTests {
    @Test("digits: 1797 images split 1197 / 300 / 300, 64 features, labels 0-9")
    func digitsSplit() throws {
        let digits = try Digits.load()
        #expect(digits.training.x.shape == [1197, 64])
        #expect(digits.validation.x.shape == [300, 64])
        #expect(digits.test.x.shape == [300, 64])
        #expect(digits.classes == 10)
        let all = digits.training.labels + digits.validation.labels + digits.test.labels
        #expect(all.allSatisfy { (0..<10).contains($0) })
        // Class counts of the UCI test set, counted independently with numpy.
        let counts = (0..<10).map { c in all.filter { $0 == c }.count }
        #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        for split in [digits.training, digits.validation, digits.test] {
            #expect(Set(split.labels).count == 10, "every class appears in every split")
        }
    }

    @Test("digits: pixels scaled to 0…1, centred on the training mean, same split every time")
    func digitsPreprocessing() throws {
        let digits = try Digits.load()
        let mean = digits.training.x.mean(axis: 0)
        #expect(abs(mean).max().scalar < 1e-12)
        // Scaled pixels span at most 1 per feature.
        let range = digits.training.x.max(axis: 0) - digits.training.x.min(axis: 0)
        #expect(range.max().scalar <= 1 + 1e-12)
        #expect(try Digits.load().test == digits.test)
    }

    @Test("digits: a malformed line is reported with the file and line number")
    func digitsMalformed() {
        let row = (Array(repeating: "0", count: 64) + ["3"]).joined(separator: ",")
        #expect(throws: DatasetError.malformedFile(path: "bad.csv", detail: "line 2 is not 64 pixels and a label 0-9")) {
            try Digits.dataset(csv: row + "\n1,2,3\n", path: "bad.csv")
        }
    }

    @Test("spirals: the same seed gives the same points; classes are balanced")
    func spirals() {
        let a = Spirals.dataset(classes: 3, pointsPerClass: 50, seed: 7)
        #expect(a.training.x == Spirals.dataset(classes: 3, pointsPerClass: 50, seed: 7).training.x)
        #expect(a.training.x != Spirals.dataset(classes: 3, pointsPerClass: 50, seed: 8).training.x)
        #expect(a.training.count + a.validation.count + a.test.count == 150)
        let labels = a.training.labels + a.validation.labels + a.test.labels
        #expect((0..<3).map { c in labels.filter { $0 == c }.count } == [50, 50, 50])
        #expect(a.inputDimension == 2)
    }
}

/// CIFAR-10 binary batches written by the tests, in the official format.
@Suite("CIFAR-10 binary loader")
struct CIFAR10Tests {
    /// One record: the label byte, then 3072 pixel bytes; pixel `i` is `(seed + i) % 256`.
    static func record(label: UInt8, seed: Int) -> [UInt8] {
        [label] + (0..<3072).map { UInt8((seed + $0) % 256) }
    }

    static func writeBatch(_ records: [[UInt8]], to url: URL) throws {
        try Data(records.flatMap { $0 }).write(to: url)
    }

    @Test("reads labels and pixels: training first, validation next, then the test batch")
    func readsRecords() throws {
        let folder = try temporaryDirectory()
        try Self.writeBatch((0..<5).map { Self.record(label: UInt8($0), seed: 10 * $0) },
                            to: folder.appendingPathComponent("data_batch_1.bin"))
        try Self.writeBatch((0..<3).map { Self.record(label: UInt8(9 - $0), seed: 100 + $0) },
                            to: folder.appendingPathComponent("test_batch.bin"))
        let data = try CIFAR10.load(directory: folder, training: 3, validation: 2, test: 3)
        #expect(data.training.x.shape == [3, 3072])
        #expect(data.training.labels == [0, 1, 2])
        #expect(data.validation.labels == [3, 4])
        #expect(data.test.labels == [9, 8, 7])
        // Pixel 0 of the training records is 0, 10, 20 (÷255): mean 10/255. The first
        // validation record's pixel 0 is 30, so it becomes (30 − 10)/255 after centring.
        #expect(abs(data.validation.x[0, 0] - 20.0 / 255) < 1e-12)
        #expect(abs(data.training.x[2, 0] - 10.0 / 255) < 1e-12)
        // Pixel 5 of test record 1 is 106; the training mean of pixel 5 is (5+15+25)/3.
        #expect(abs(data.test.x[1, 5] - (106.0 - 15) / 255) < 1e-12)
    }

    @Test("a missing batch is an error naming it and saying where to get it")
    func missingFile() throws {
        let folder = try temporaryDirectory()
        let error = #expect(throws: DatasetError.self) {
            try CIFAR10.load(directory: folder, training: 1, validation: 0, test: 1)
        }
        let message = try #require(error).description
        #expect(message.contains(folder.appendingPathComponent("data_batch_1.bin").path))
        #expect(message.contains("https://www.cs.toronto.edu/~kriz/cifar.html"))
    }

    @Test("a truncated batch is an error naming it")
    func truncatedFile() throws {
        let folder = try temporaryDirectory()
        let url = folder.appendingPathComponent("data_batch_1.bin")
        try Data((Self.record(label: 1, seed: 0) + Self.record(label: 2, seed: 0)).prefix(5000)).write(to: url)
        let error = #expect(throws: DatasetError.self) {
            try CIFAR10.load(directory: folder, training: 1, validation: 0, test: 1)
        }
        guard case .truncatedFile(let path, _) = error else {
            Issue.record("expected truncatedFile, got \(String(describing: error))")
            return
        }
        #expect(path == url.path)
        #expect(error!.description.contains("5000 bytes is not a whole number of 3073-byte records"))
    }

    @Test("a label outside 0-9 is an error naming the file and record")
    func badLabel() throws {
        let folder = try temporaryDirectory()
        let url = folder.appendingPathComponent("data_batch_1.bin")
        try Self.writeBatch([Self.record(label: 3, seed: 0), Self.record(label: 12, seed: 0)], to: url)
        #expect(throws: DatasetError.malformedFile(path: url.path, detail: "record 1 has label 12; labels are 0-9")) {
            try CIFAR10.load(directory: folder, training: 2, validation: 0, test: 1)
        }
    }

    @Test("asking for more examples than the batches hold is an error naming the next batch")
    func tooFewRecords() throws {
        let folder = try temporaryDirectory()
        try Self.writeBatch([Self.record(label: 3, seed: 0)], to: folder.appendingPathComponent("data_batch_1.bin"))
        let error = #expect(throws: DatasetError.self) {
            try CIFAR10.load(directory: folder, training: 2, validation: 0, test: 1)
        }
        #expect(error?.description.contains("data_batch_2.bin") == true)
    }
}
