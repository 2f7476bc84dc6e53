import Foundation
import Testing
import TensorKit
import WorkerKit
@testable import GraderKit

@Suite("Fixture files")
struct FixtureStoreTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fixtures-\(UUID().uuidString)")

    let fixture = FixtureCase(
        name: "train-forward",
        request: WorkerRequest("batchnorm.forward",
                               tensors: ["x": Tensor([[1.0, -2], [0.1, 1e-300]]), "gamma": Tensor([1.0, 2])],
                               numbers: ["eps": 1e-5, "momentum": 0.9], strings: ["mode": "train"]),
        expectedTensors: ["out": Tensor([[0.5, -0.25], [.pi, -0.0]])],
        expectedNumbers: ["loss": 2.302585092994046])

    @Test("a written case reads back exactly")
    func roundTrip() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try FixtureStore.write(fixture, exercise: "batchnorm", to: directory)
        let loaded = try FixtureStore.load(exercise: "batchnorm", from: directory)
        #expect(loaded == ["train-forward": fixture])
    }

    @Test("a corrupted .npy file is an error naming that file")
    func corruptedTensor() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try FixtureStore.write(fixture, exercise: "batchnorm", to: directory)
        let file = directory.appendingPathComponent("train-forward/x.npy")
        try Data(try Data(contentsOf: file).prefix(20)).write(to: file)
        #expect { try FixtureStore.load(exercise: "batchnorm", from: directory) } throws: { error in
            "\(error)".contains(file.path)
        }
    }

    @Test("a malformed manifest is an error naming the manifest and the field")
    func malformedManifest() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try FixtureStore.write(fixture, exercise: "batchnorm", to: directory)
        let manifest = directory.appendingPathComponent("train-forward/manifest.json")
        let text = try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "\"call\"", with: "\"kall\"")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        #expect { try FixtureStore.load(exercise: "batchnorm", from: directory) } throws: { error in
            "\(error)".contains(manifest.path) && "\(error)".contains("missing field 'call'")
        }
    }

    @Test("a case of another exercise is refused")
    func wrongExercise() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try FixtureStore.write(fixture, exercise: "batchnorm", to: directory)
        #expect { try FixtureStore.load(exercise: "layernorm", from: directory) } throws: { error in
            "\(error)".contains("belongs to exercise 'batchnorm', not 'layernorm'")
        }
    }
}
