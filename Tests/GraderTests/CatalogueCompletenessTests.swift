import Foundation
import Testing
@testable import GraderKit

/// Every exercise of the shipped course.json has everything an exercise is made of
/// beyond its registration (which the compiler checks): its checks, at least four
/// catalogued mistakes, its handout's row in assignments/README.md and its calls' row
/// in docs/fixtures.md. The stubs' calls are checked in ExercisesTests (StubCall), the
/// reference's answers to every check's calls in MistakesTests (RegistrationTests).
@Suite("Catalogue completeness")
struct CatalogueCompletenessTests {
    static let course = try! JSONDecoder().decode(Course.self, from: Data(contentsOf: CourseTests.shipped))
    static let assignments = BuiltProducts.checkout.appendingPathComponent("assignments")
    /// The fewest catalogued mistakes an exercise may have.
    static let minimumMistakes = 4

    /// The exercises of course.json, by name (so that a failure names its exercise).
    static let names = course.exercises.map(\.name)

    static func entry(_ name: String) -> Course.ExerciseEntry {
        course.exercises.first { $0.name == name }!
    }

    static func read(_ path: String) throws -> [String] {
        try String(contentsOf: BuiltProducts.checkout.appendingPathComponent(path), encoding: .utf8)
            .components(separatedBy: "\n")
    }

    @Test("every exercise has checks, in Judge.catalog", arguments: names)
    func hasChecks(_ name: String) throws {
        let exercise = Self.entry(name)
        let checks = try #require(Judge.catalogByName[exercise.name], "\(exercise.name) is not in Judge.catalog")
        #expect(!checks.checks.isEmpty, "\(exercise.name) has no checks")
        #expect(Set(exercise.checks.keys).isSubset(of: checks.checks.map(\.id)),
                "course.json gives points to checks \(exercise.name) does not have")
    }

    @Test("every exercise has at least four catalogued mistakes, their signatures shipped", arguments: names)
    func hasMistakes(_ name: String) throws {
        let exercise = Self.entry(name)
        let folder = Self.assignments.appendingPathComponent(exercise.folder).appendingPathComponent("mistakes")
        let signatures = try MistakeStore.load(from: folder)
        #expect(signatures.count >= Self.minimumMistakes,
                "assignments/\(exercise.folder)/mistakes holds \(signatures.count) signatures; catalogue at least \(Self.minimumMistakes) mistakes in Sources/Mistakes and run `grader mistakes --write`")
        #expect(signatures.allSatisfy { $0.exercise == exercise.name })
    }

    @Test("every exercise has its row in the handouts' table of assignments/README.md", arguments: names)
    func hasHandoutRow(_ name: String) throws {
        let exercise = Self.entry(name)
        let rows = try Self.read("assignments/README.md").filter { $0.hasPrefix("| ") }
        #expect(rows.contains { $0.contains("| `\(exercise.name)` |") && $0.contains("(\(exercise.folder)/README.md)") },
                "assignments/README.md has no row for \(exercise.name) linking to \(exercise.folder)/README.md")
    }

    @Test("every exercise's calls have their row in docs/fixtures.md", arguments: names)
    func hasFixturesRow(_ name: String) throws {
        let exercise = Self.entry(name)
        let rows = try Self.read("docs/fixtures.md").filter { $0.hasPrefix("| `\(exercise.name).") }
        #expect(!rows.isEmpty, "docs/fixtures.md's table of calls has no row for \(exercise.name)")
    }
}
