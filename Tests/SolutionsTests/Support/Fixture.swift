import Foundation
import TensorKit

/// One case of independent reference values: a folder `Data/<layer>/<case>/` of
/// `.npy` arrays (inputs and expected outputs) and a `manifest.json` with the case's
/// scalar parameters, written by a script in `scripts/reference/` (e.g.
/// `scripts/reference/layers.py`), never by the code under test.
struct Fixture {
    /// The case's path below `Data`, e.g. `"batchnorm/train"`.
    let name: String
    /// What the case holds, in a sentence.
    let description: String
    private let folder: URL
    private let parameters: [String: Double]

    private struct Manifest: Decodable {
        var description: String
        var parameters: [String: Double]
    }

    /// Opens the case `Data/<name>/`.
    /// - Throws: ``FixtureError`` if the folder or its manifest is missing or unreadable.
    init(_ name: String) throws {
        guard let data = Bundle.module.url(forResource: "Data", withExtension: nil) else {
            throw FixtureError("the test bundle has no Data folder")
        }
        let folder = data.appendingPathComponent(name, isDirectory: true)
        let manifestURL = folder.appendingPathComponent("manifest.json")
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: manifestURL))
        } catch {
            throw FixtureError("cannot read \(name)/manifest.json: \(error)")
        }
        self.name = name
        self.description = manifest.description
        self.folder = folder
        self.parameters = manifest.parameters
    }

    /// The array `<array>.npy` of this case.
    func tensor(_ array: String) throws -> Tensor {
        do {
            return try Tensor(npyFile: folder.appendingPathComponent(array + ".npy"))
        } catch {
            throw FixtureError("fixture \(name): \(error)")
        }
    }

    /// The scalar `parameter` from the manifest.
    func parameter(_ parameter: String) throws -> Double {
        guard let value = parameters[parameter] else {
            throw FixtureError("fixture \(name) has no parameter \"\(parameter)\"; it has \(parameters.keys.sorted())")
        }
        return value
    }
}

/// A fixture that cannot be read; its message says which and why.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
