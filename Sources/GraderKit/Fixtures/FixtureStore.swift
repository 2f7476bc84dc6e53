import Foundation
import TensorKit
import WorkerKit

/// A fixture file or folder that cannot be used: which one, and what is wrong.
public struct FixtureError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var problem: String
    public var description: String { "\(path): \(problem)" }
}

/// Reads and writes fixture cases: `<exercise folder>/fixtures/<case>/manifest.json`
/// plus one `.npy` per tensor.
public enum FixtureStore {
    /// The manifest of one case, as documented in docs/fixtures.md.
    struct Manifest: Codable {
        var format: Int
        var exercise: String
        var name: String
        var call: String
        /// Input tensor name → file name.
        var inputs: [String: String]
        var numbers: [String: Double]
        var strings: [String: String]
        /// Expected tensor name → file name.
        var expected: [String: String]
        var expectedNumbers: [String: Double]
    }

    /// Every case in `directory` (one subfolder per case), by name; an absent directory
    /// holds no cases.
    public static func load(exercise: String, from directory: URL) throws -> [String: FixtureCase] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: directory.path) else { return [:] }
        var cases: [String: FixtureCase] = [:]
        let entries = try fm.contentsOfDirectory(atPath: directory.path).sorted()
        for entry in entries where !entry.hasPrefix(".") {
            let folder = directory.appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let c = try loadCase(from: folder)
            if c.exercise != exercise {
                throw FixtureError(path: folder.appendingPathComponent("manifest.json").path,
                                   problem: "belongs to exercise '\(c.exercise)', not '\(exercise)'")
            }
            cases[c.fixture.name] = c.fixture
        }
        return cases
    }

    static func loadCase(from folder: URL) throws -> (exercise: String, fixture: FixtureCase) {
        let manifestURL = folder.appendingPathComponent("manifest.json")
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: try Data(contentsOf: manifestURL))
        } catch let error as DecodingError {
            throw FixtureError(path: manifestURL.path, problem: "malformed manifest: \(describe(error))")
        } catch {
            throw FixtureError(path: manifestURL.path, problem: "cannot be read: \(error.localizedDescription)")
        }
        guard manifest.format == 1 else {
            throw FixtureError(path: manifestURL.path, problem: "unsupported format \(manifest.format) (this grader reads format 1)")
        }
        func tensors(_ files: [String: String]) throws -> [String: Tensor] {
            try files.mapValues { file in
                guard !file.contains("/"), !file.hasPrefix(".") else {
                    throw FixtureError(path: manifestURL.path, problem: "file name '\(file)' must be a plain name in the case's folder")
                }
                return try readTensor(folder.appendingPathComponent(file))
            }
        }
        let request = WorkerRequest(manifest.call, tensors: try tensors(manifest.inputs),
                                    numbers: manifest.numbers, strings: manifest.strings)
        return (manifest.exercise, FixtureCase(name: manifest.name, request: request,
                                               expectedTensors: try tensors(manifest.expected),
                                               expectedNumbers: manifest.expectedNumbers))
    }

    /// A tensor from an `.npy` file; errors name the file by its full path.
    static func readTensor(_ url: URL) throws -> Tensor {
        do {
            return try Tensor(npyFile: url)
        } catch {
            throw FixtureError(path: url.path, problem: "\(error.problem)")
        }
    }

    /// Writes a case into `directory/<case name>/`, replacing what was there.
    public static func write(_ fixture: FixtureCase, exercise: String, to directory: URL) throws {
        let folder = directory.appendingPathComponent(fixture.name)
        let fm = FileManager.default
        try? fm.removeItem(at: folder)
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        var inputs: [String: String] = [:], expected: [String: String] = [:]
        for (name, tensor) in fixture.request.tensors {
            inputs[name] = "\(name).npy"
            try tensor.writeNPY(to: folder.appendingPathComponent("\(name).npy"))
        }
        for (name, tensor) in fixture.expectedTensors {
            expected[name] = "expected-\(name).npy"
            try tensor.writeNPY(to: folder.appendingPathComponent("expected-\(name).npy"))
        }
        let manifest = Manifest(format: 1, exercise: exercise, name: fixture.name, call: fixture.request.call,
                                inputs: inputs, numbers: fixture.request.numbers, strings: fixture.request.strings,
                                expected: expected, expectedNumbers: fixture.expectedNumbers)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: folder.appendingPathComponent("manifest.json"), options: .atomic)
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "missing field '\(key.stringValue)'"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            "\(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        case .dataCorrupted(let c): "not valid JSON (\(c.debugDescription))"
        @unknown default: "\(error)"
        }
    }
}
