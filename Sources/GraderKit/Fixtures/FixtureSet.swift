import Foundation

/// One set of fixture cases the judge grades against. A check earns its points only
/// when it passes on every set that holds its cases; staff grading adds fresh and
/// hidden sets to the public one (see ``Judge/fixtureSets``).
public struct FixtureSet: Sendable {
    /// Where a set's cases come from.
    public enum Source: Sendable {
        /// The course's own cases: `assignments/<folder>/fixtures/<case>/`.
        case published
        /// A folder laid out as `DIR/<exercise>/<case>/` (docs/fixtures.md).
        case directory(URL)
        /// Cases already in memory, by exercise name and case name (fresh fixtures).
        case cases([String: [String: FixtureCase]])
    }

    /// How reports name the set: `"public"`, `"fresh (seed 4711)"`, `"hidden 'midterm'"`.
    public var name: String
    public var source: Source

    public init(name: String, source: Source) {
        self.name = name
        self.source = source
    }

    /// The course's public fixtures.
    public static let published = FixtureSet(name: "public", source: .published)

    /// A set on disk, named after its folder.
    public static func directory(_ url: URL, kind: String) -> FixtureSet {
        FixtureSet(name: "\(kind) '\(url.standardizedFileURL.lastPathComponent)'", source: .directory(url))
    }

    /// Checks that `url` is laid out as `DIR/<exercise>/<case>/`: every folder in it
    /// is named after an exercise the grader knows.
    /// - Throws: ``FixtureError`` naming the first folder that is not.
    public static func checkLayout(of url: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { !$0.hasPrefix(".") }
        for name in names.sorted() where Judge.catalogByName[name] == nil {
            throw FixtureError(path: url.appendingPathComponent(name).path,
                               problem: "not an exercise's name; a fixture set is laid out as DIR/<exercise>/<case>/ (see docs/fixtures.md)")
        }
    }

    /// What separates a case's name from the label of a further case for the same
    /// check: `backward@2` is another `backward`.
    public static let variantSeparator: Character = "@"

    /// The ways to grade one exercise on this set: its cases as they are, then for each
    /// label of further cases `<case>@<label>` (sorted), the same with those in place of
    /// their namesakes.
    /// - Parameter assignments: the course's `assignments/` folder.
    public func variants(for entry: Course.ExerciseEntry, assignments: URL) throws -> [FixtureVariant] {
        let all = try cases(for: entry, assignments: assignments)
        let base = all.filter { !$0.key.contains(Self.variantSeparator) }
        var byLabel: [String: [String: FixtureCase]] = [:]
        for (key, fixture) in all where key.contains(Self.variantSeparator) {
            let parts = key.split(separator: Self.variantSeparator, maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            var renamed = fixture
            renamed.name = parts[0]
            byLabel[parts[1], default: [:]][parts[0]] = renamed
        }
        return [FixtureVariant(name: name, fixtures: base)] + byLabel.keys.sorted().map { label in
            FixtureVariant(name: "\(name), cases @\(label)", fixtures: base.merging(byLabel[label]!) { _, further in further },
                           replaced: Set(byLabel[label]!.keys))
        }
    }

    /// The cases this set holds for one exercise, by name (none when it has no folder
    /// for the exercise).
    /// - Parameter assignments: the course's `assignments/` folder.
    public func cases(for entry: Course.ExerciseEntry, assignments: URL) throws -> [String: FixtureCase] {
        switch source {
        case .published:
            let folder = assignments.appendingPathComponent(entry.folder).appendingPathComponent("fixtures")
            return try FixtureStore.load(exercise: entry.name, from: folder)
        case .directory(let url):
            return try FixtureStore.load(exercise: entry.name, from: url.appendingPathComponent(entry.name))
        case .cases(let all):
            return all[entry.name] ?? [:]
        }
    }
}
