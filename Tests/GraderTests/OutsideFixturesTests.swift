// Needs the reference (grader-worker-solutions): only in the author's edition.
#if AUTHOR_EDITION
import Foundation
import Testing
@testable import GraderKit

/// The reference graded against a fixture set NumPy made from the public inputs
/// (`Tests/GraderTests/Data/numpy-fixtures/make.py`): the expected values of those
/// public cases agree with an outside implementation, the course's conventions
/// included (ReLU's dx = 0 at x = 0, eps outside the root with gradients of 1e-6), and
/// so do the ConvNet's, from naive convolution and pooling loops.
@Suite("Fixture sets from NumPy")
struct OutsideFixturesTests {
    @Test("the reference passes ReLU's backward check, the adaptive update rules' and the ConvNet's checks on NumPy's values",
          arguments: [("relu", "backward"), ("optimizers", "adagrad"), ("optimizers", "rmsprop"), ("optimizers", "adam"),
                     ("convnet", "three-layer"), ("convnet", "deep"), ("convnet", "batchnorm")])
    func referencePasses(_ exercise: String, _ check: String) throws {
        let executable = try #require(BuiltProducts.executable("grader-worker-solutions"),
                                      "grader-worker-solutions was not built next to the tests")
        let assignments = BuiltProducts.checkout.appendingPathComponent("assignments")
        let course = try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName)
        let numpy = BuiltProducts.checkout.appendingPathComponent("Tests/GraderTests/Data/numpy-fixtures")
        let judge = Judge(course: course, assignments: assignments, fixturesOverride: numpy,
                          worker: WorkerConfiguration(executable: executable))
        let result = try #require(judge.grade([exercise], implementation: "solutions").exercises.first?
            .checks.first { $0.id == check })
        #expect(result.status == .passed, "\(result.failure?.message ?? result.problem ?? "")")
    }
}
#endif
