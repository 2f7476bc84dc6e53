import Curriculum
import Foundation
import TensorKit

/// A known mistake as the grader ships it: what it is, how to hint at it, and what an
/// implementation with that mistake produces in each check it fails — never its code.
///
/// On disk: `assignments/<NN-exercise>/mistakes/<id>/mistake.json` plus one `.npy` per
/// observed tensor (see docs/fixtures.md).
public struct MistakeSignature: Sendable, Hashable {
    public var id: String
    public var exercise: String
    public var title: String
    public var hint: String
    /// Check id → what the check observed (the same keys a student's run records).
    public var observations: [String: [String: Tensor]]
    /// Every check the mistake fails on the signatures' inputs: those in `observations`,
    /// and those it fails with what correct code records there (no evidence of it, but
    /// no evidence against it either).
    public var failing: Set<String>

    /// - Parameter failing: the checks the mistake fails; `nil` for those in `observations`.
    public init(id: String, exercise: String, title: String, hint: String,
                observations: [String: [String: Tensor]], failing: Set<String>? = nil) {
        self.id = id
        self.exercise = exercise
        self.title = title
        self.hint = hint
        self.observations = observations
        self.failing = failing ?? Set(observations.keys)
    }

    /// How close to 0, relative to its tensor's largest element, an element may differ
    /// from the record whatever its own relative error. A numeric gradient of the same
    /// function written in another order of operations differs by rounding divided by
    /// the step: a student's group-norm backward that is exactly this catalogue's
    /// mistake recorded numeric gradients 4e-10 off at elements of 1.4e-5 (relative
    /// error 1.4e-5), in a tensor whose largest element is 0.55 (7.5e-10 of it).
    static let scaleFloor = 1e-7

    /// Whether `observed` (a failing check's record) matches this mistake's record of
    /// the same check: the same things observed (a check stops at its first failure, so
    /// the same failure records the same keys), and every tensor within `tolerance` by
    /// relative error or within ``scaleFloor`` of the recorded tensor's largest element,
    /// NaN matching NaN (an overflow is part of a signature).
    public func matches(check: String, _ observed: [String: Tensor], tolerance: Double) -> Bool {
        guard let mine = observations[check], !mine.isEmpty, Set(mine.keys) == Set(observed.keys) else { return false }
        return mine.allSatisfy { key, a in
            let b = observed[key]!
            guard a.shape == b.shape else { return false }
            let floor = Self.scaleFloor * (a.scalars.lazy.filter(\.isFinite).map(Swift.abs).max() ?? 0)
            return zip(a.scalars, b.scalars).allSatisfy { x, y in
                x.isNaN || y.isNaN ? x.isNaN && y.isNaN
                    : x == y || Swift.abs(x - y) <= floor || relativeErrors(Tensor(x), Tensor(y)).scalar <= tolerance
            }
        }
    }

    /// The diagnosis this mistake gives.
    public var diagnosis: Diagnosis { Diagnosis(mistake: id, title: title, hint: hint) }
}

/// Reads and writes mistake signatures.
public enum MistakeStore {
    struct Manifest: Codable {
        var format: Int
        var id: String
        var exercise: String
        var title: String
        var hint: String
        /// Check id → observation key → `.npy` file name.
        var observations: [String: [String: String]]
        /// Every check the mistake fails, sorted; absent in files written before it was
        /// recorded (then the checks of `observations`).
        var failing: [String]?
    }

    /// Every signature under `directory` (one subfolder per mistake); none if absent.
    public static func load(from directory: URL) throws -> [MistakeSignature] {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: directory.path) else { return [] }
        return try entries.sorted().filter { !$0.hasPrefix(".") }.map { entry in
            let folder = directory.appendingPathComponent(entry)
            let url = folder.appendingPathComponent("mistake.json")
            let manifest: Manifest
            do {
                manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
            } catch {
                throw FixtureError(path: url.path, problem: "malformed mistake signature: \(error)")
            }
            guard manifest.format == 1 else {
                throw FixtureError(path: url.path, problem: "unsupported format \(manifest.format)")
            }
            let observations = try manifest.observations.mapValues { files in
                try files.mapValues { file -> Tensor in
                    guard !file.contains("/"), !file.hasPrefix(".") else {
                        throw FixtureError(path: url.path, problem: "file name '\(file)' must be a plain name")
                    }
                    return try FixtureStore.readTensor(folder.appendingPathComponent(file))
                }
            }
            return MistakeSignature(id: manifest.id, exercise: manifest.exercise, title: manifest.title,
                                    hint: manifest.hint, observations: observations, failing: manifest.failing.map(Set.init))
        }
    }

    /// Writes a signature into `directory/<id>/`, replacing what was there.
    public static func write(_ signature: MistakeSignature, to directory: URL) throws {
        let folder = directory.appendingPathComponent(signature.id)
        let fm = FileManager.default
        try? fm.removeItem(at: folder)
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [String: [String: String]] = [:]
        for check in signature.observations.keys.sorted() {
            for (n, key) in signature.observations[check]!.keys.sorted().enumerated() {
                let file = "\(check)-\(n).npy"
                try signature.observations[check]![key]!.writeNPY(to: folder.appendingPathComponent(file))
                files[check, default: [:]][key] = file
            }
        }
        let manifest = Manifest(format: 1, id: signature.id, exercise: signature.exercise, title: signature.title,
                                hint: signature.hint, observations: files,
                                failing: signature.failing.union(signature.observations.keys).sorted())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(manifest).write(to: folder.appendingPathComponent("mistake.json"), options: .atomic)
    }
}
