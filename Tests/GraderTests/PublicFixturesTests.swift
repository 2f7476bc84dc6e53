// Needs the reference (grader-worker-solutions): only in the author's edition.
#if AUTHOR_EDITION
import Curriculum
import Foundation
import Testing
import TensorKit
import WorkerKit
@testable import GraderKit

/// The committed public fixtures are what `grader fixtures` would write now: the recipes
/// run with the public seed, answered by the reference. A stale case means a reference or
/// a recipe changed without `swift run grader fixtures`.
///
/// Values must agree to a relative error of 1e-10, not bit for bit, so that another
/// platform's last-bit differences in `exp` or `log` do not count as stale; any change of
/// a formula or an input is far larger.
@Suite("The committed public fixtures", .serialized)
struct PublicFixturesTests {
    static let tolerance = 1e-10

    @Test("are what the recipes and the reference produce now", arguments: Judge.catalog.map(\.name))
    func upToDate(_ name: String) throws {
        let executable = try #require(BuiltProducts.executable("grader-worker-solutions"),
                                      "grader-worker-solutions was not built next to the tests")
        let course = try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName)
        let entry = try #require(course.exercises.first { $0.name == name }, "'\(name)' is not in course.json")
        let folder = "assignments/\(entry.folder)/fixtures"
        let committed = try FixtureStore.load(exercise: name, from: BuiltProducts.checkout.appendingPathComponent(folder))
        let worker = WorkerProcess(WorkerConfiguration(executable: executable))
        defer { worker.stop() }
        let fresh = try FixtureGenerator(worker: worker).cases(for: try #require(Judge.catalogByName[name]))

        let regenerate = "regenerate with `swift run grader fixtures \(name)` and commit \(folder)"
        #expect(committed.keys.sorted() == fresh.map(\.name).sorted(), "the cases differ; \(regenerate)")
        for now in fresh {
            guard let then = committed[now.name] else { continue }
            let place = "\(folder)/\(now.name)"
            #expect(then.request.call == now.request.call, "\(place): call; \(regenerate)")
            #expect(then.request.strings == now.request.strings, "\(place): strings; \(regenerate)")
            expectClose(then.request.numbers.mapValues { Tensor($0) }, now.request.numbers.mapValues { Tensor($0) },
                        "\(place): numbers; \(regenerate)")
            expectClose(then.request.tensors, now.request.tensors, "\(place): inputs; \(regenerate)")
            expectClose(then.expectedOutputs, now.expectedOutputs, "\(place): expected outputs; \(regenerate)")
        }
    }

    /// The same names, shapes, and values within ``tolerance``.
    func expectClose(_ then: [String: Tensor], _ now: [String: Tensor], _ message: String) {
        #expect(then.keys.sorted() == now.keys.sorted(), "\(message)")
        for (key, a) in then {
            guard let b = now[key] else { continue }
            guard a.shape == b.shape else {
                Issue.record("\(message): '\(key)' has shape \(formatShape(a.shape)), now \(formatShape(b.shape))")
                continue
            }
            let error = a.count == 0 ? 0 : relativeErrors(a, b).max().scalar
            #expect(error <= Self.tolerance, "\(message): '\(key)' differs by a relative error of \(error)")
        }
    }
}
#endif
