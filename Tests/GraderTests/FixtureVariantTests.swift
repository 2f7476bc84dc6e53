// Needs the reference (grader-worker-solutions): only in the author's edition.
#if AUTHOR_EDITION
import Foundation
import Testing
import TensorKit
@testable import GraderKit

/// A fixture set may hold several cases for one check: `<case>@<label>` is another
/// `<case>`, and the check must pass on each.
@Suite("Several cases for one check")
struct FixtureVariantTests {
    /// A set for `relu` holding the public cases and `backward-at-zero@2`: the public
    /// `backward-at-zero` inputs, negated, with `dx` as given.
    static func set(dx: (FixtureCase) -> Tensor) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("variants-\(UUID().uuidString)")
        let published = try FixtureStore.load(
            exercise: "relu", from: BuiltProducts.checkout.appendingPathComponent("assignments/02-relu/fixtures"))
        for fixture in published.values {
            try FixtureStore.write(fixture, exercise: "relu", to: folder.appendingPathComponent("relu"))
        }
        var further = try #require(published["backward-at-zero"])
        further.name = "backward-at-zero@2"
        further.request.tensors["x"] = -further.request.tensors["x"]!
        further.expectedTensors["dx"] = dx(further)
        try FixtureStore.write(further, exercise: "relu", to: folder.appendingPathComponent("relu"))
        return folder
    }

    static func grade(_ folder: URL) throws -> [CheckResult] {
        let executable = try #require(BuiltProducts.executable("grader-worker-solutions"),
                                      "grader-worker-solutions was not built next to the tests")
        let course = try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName)
        let judge = Judge(course: course, assignments: BuiltProducts.checkout.appendingPathComponent("assignments"),
                          fixturesOverride: folder, worker: WorkerConfiguration(executable: executable))
        return try #require(judge.grade(["relu"], implementation: "solutions").exercises.first?.checks)
    }

    @Test("the check fails when the further case's values are not the reference's, naming the case's label")
    func furtherCaseIsGraded() throws {
        // dx = dout everywhere: right where x > 0, wrong at x = 0 and below.
        let folder = try Self.set { $0.request.tensors["dout"]! }
        defer { try? FileManager.default.removeItem(at: folder) }
        let checks = try Self.grade(folder)
        let backward = try #require(checks.first { $0.id == "backward" })
        #expect(backward.status == .failed)
        #expect(backward.fixtureSet?.hasSuffix(", cases @2") == true)
        #expect(checks.filter { $0.id != "backward" }.allSatisfy { $0.status == .passed })
    }

    @Test("the check passes when every case for it holds the reference's values")
    func everyCasePasses() throws {
        // The course's convention, by hand: dx = dout · (x > 0).
        let folder = try Self.set { $0.request.tensors["dout"]! * ($0.request.tensors["x"]! .> 0.0) }
        defer { try? FileManager.default.removeItem(at: folder) }
        let checks = try Self.grade(folder)
        #expect(checks.allSatisfy { $0.status == .passed }, "\(checks.map { "\($0.id): \($0.status) \($0.problem ?? $0.failure?.message ?? "")" })")
    }
}
#endif
