// Needs the reference (grader-worker-solutions): only in the author's edition.
#if AUTHOR_EDITION
import Foundation
import Curriculum
import TensorKit
import Testing
@testable import GraderKit

/// The reference graded against a fixture set NumPy made from the public inputs
/// (`Tests/GraderTests/Data/numpy-fixtures/make.py`): the expected values of those
/// public cases agree with an outside implementation, the course's conventions
/// included (ReLU's dx = 0 at x = 0, eps outside the root with gradients of 1e-6, the
/// convolution not flipped, max pooling's gradient at the first of tied maxima), and so
/// do the ConvNet's, from naive convolution and pooling loops, and the fully-connected
/// net's with batch norm, training steps included (the running statistics a step
/// returns, from zeros and from statistics of earlier training).
@Suite("Fixture sets from NumPy")
struct OutsideFixturesTests {
    @Test("the reference passes ReLU's backward check, the adaptive update rules' checks, the fully-connected net's batch-norm check, dropout's mask, every check of the convolution and max pooling, and the ConvNet's checks on NumPy's values",
          arguments: [("relu", "backward"), ("optimizers", "adagrad"), ("optimizers", "rmsprop"), ("optimizers", "adam"),
                      ("fc-net", "batchnorm"), ("dropout", "mask"),
                      ("conv", "forward"), ("conv", "backward"), ("conv", "gradient"), ("conv", "stops-when-stride-does-not-fit"),
                      ("maxpool", "forward"), ("maxpool", "backward"), ("maxpool", "ties"), ("maxpool", "gradient"),
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

    /// The net's test-mode scores with batch norm, trained (running statistics given) and
    /// never trained (none: they count as zeros, and each batch norm scales by 1/√eps).
    @Test("the fully-connected net's public test-mode scores with batch norm are NumPy's",
          arguments: ["scores-batchnorm", "scores-batchnorm-untrained"])
    func networkScoresAgree(_ name: String) throws {
        let file = "\(name)/expected-scores.npy"
        let ours = try Tensor(npyFile: BuiltProducts.checkout.appendingPathComponent("assignments/05-fc-net/fixtures/\(file)"))
        let numpy = try Tensor(npyFile: BuiltProducts.checkout.appendingPathComponent(
            "Tests/GraderTests/Data/numpy-fixtures/fc-net/\(file)"))
        #expect(ours.shape == numpy.shape)
        // Both sum the same products in another order: rounding apart, nothing else.
        #expect(relativeError(ours, numpy) < 1e-12, "relative error \(relativeError(ours, numpy))")
    }
}
#endif
