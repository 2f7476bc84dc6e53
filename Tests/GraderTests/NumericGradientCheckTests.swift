// Needs the reference (grader-worker-solutions): only in the author's edition.
#if AUTHOR_EDITION
import Curriculum
import Foundation
import Testing
import TensorKit
import WorkerKit
@testable import GraderKit

/// Numeric-gradient checks on inputs where float64 central differences are noisier
/// than the threshold: the reference still passes.
@Suite("Numeric-gradient checks on noisy inputs", .serialized)
struct NumericGradientCheckTests {
    /// The CS231n FullyConnectedNets notebook's gradient check at reg 0 (seed 231,
    /// N=2, D=15, H=[20, 30], C=10, weight scale 5e-2), with NumPy's loss and gradients
    /// (`Tests/GraderTests/Data/cs231n-fc-net-reg-0/make.py`).
    static let cs231n = BuiltProducts.checkout.appendingPathComponent("Tests/GraderTests/Data/cs231n-fc-net-reg-0")

    @Test("the CS231n reg-0 net passes, where plain central differences put W2 off by 2.2e-5 against 1e-5")
    func cs231nRegZeroNet() throws {
        let executable = try #require(BuiltProducts.executable("grader-worker-solutions"),
                                      "grader-worker-solutions was not built next to the tests")
        let fixture = try #require(try FixtureStore.load(exercise: "fc-net", from: Self.cs231n.appendingPathComponent("fc-net"))["loss"])

        // Plain central differences of the reference's loss (the course's check) fail.
        let worker = WorkerProcess(WorkerConfiguration(executable: executable))
        defer { worker.stop() }
        let plain = try numericGradient(ofBatch: { probes in
            try worker.evaluate(probes.map { var r = fixture.request; r.tensors["param.W2"] = $0; return r })
                .map { Tensor($0.numbers["loss"]!) }
        }, at: fixture.request.tensors["param.W2"]!, dout: Tensor(1.0))
        #expect(relativeError(plain, fixture.expectedTensors["grad.W2"]!) > 1e-5)

        let assignments = BuiltProducts.checkout.appendingPathComponent("assignments")
        let course = try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName)
        let judge = Judge(course: course, assignments: assignments, fixturesOverride: Self.cs231n,
                          worker: WorkerConfiguration(executable: executable))
        let check = try #require(judge.grade(["fc-net"], implementation: "solutions").exercises.first?
            .checks.first { $0.id == "numeric-gradient" })
        #expect(check.status == .passed, "\(check.failure?.message ?? check.problem ?? "")")
    }
}
#endif
