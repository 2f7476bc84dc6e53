// Writing a hidden set needs the reference (grader-worker-solutions): author's edition only.
#if AUTHOR_EDITION
import Foundation
import Testing
@testable import AuthorKit
@testable import GraderCommands
@testable import GraderKit

/// `grader fixtures --hidden`: a set staff grade with, which must hold as many draws of
/// every case as staff grading's own fresh set.
@Suite("Hidden fixture sets")
struct HiddenFixturesTests {
    @Test("hold every case in as many draws as the fresh set, each a case of the same check, all loaded for grading")
    func everyCaseInSeveralDraws() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hidden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = try GraderArguments.parse(["fixtures", "affine", "--hidden", folder.path, "--seed", "9731", "--no-build"])
        let status = try GraderCLI.generateFixtures(["affine"], options, workspace: StaffSupport.workspace, course: StaffSupport.course)
        #expect(status == 0)

        let affine = try #require(StaffSupport.course.exercises.first { $0.name == "affine" })
        let variants = try FixtureSet.directory(folder, kind: "hidden").variants(for: affine, assignments: StaffSupport.workspace.assignments)
        let recipes = Set(ExerciseChecks.affine.fixtureRecipes.map(\.name))
        #expect(FixtureGenerator.staffDraws >= 2)
        #expect(variants.count == FixtureGenerator.staffDraws)
        #expect(Set(variants[0].fixtures.keys) == recipes)
        for variant in variants.dropFirst() {
            #expect(variant.replaced == recipes)
            for name in recipes {
                #expect(variant.fixtures[name]?.request.tensors != variants[0].fixtures[name]?.request.tensors,
                        "\(variant.name): '\(name)' is the first draw again")
            }
        }
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("\(FixtureGenerator.staffDraws) draws of every case"))
    }
}
#endif
