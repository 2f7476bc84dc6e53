#if AUTHOR_EDITION
import Foundation
import Testing
@testable import GraderKit

/// Every catalogued mistake, graded as a student's submission against the signatures
/// committed in assignments/*/mistakes: the grader must catch it and name it as itself.
@Suite("Every catalogued mistake is caught and named", .serialized)
struct MistakeDiagnosisTests {
    static let assignments = BuiltProducts.checkout.appendingPathComponent("assignments")

    static let reports: [(MistakeAudit.Entry, Report)] = {
        guard let worker = BuiltProducts.executable("grader-worker-mistakes"),
              let course = try? Course.load(from: assignments.appendingPathComponent("course.json"),
                                            catalog: Judge.catalogByName) else { return [] }
        let judge = Judge(course: course, assignments: assignments, worker: WorkerConfiguration(executable: worker))
        guard let entries = try? MistakeAudit(judge: judge, worker: worker).catalogue() else { return [] }
        return entries.map { entry in
            var j = judge
            j.worker.arguments = ["--mistake", entry.id]
            return (entry, j.grade([entry.exercise], implementation: "mistake \(entry.id)"))
        }
    }()

    @Test("the catalogue has at least 40 mistakes, at least 3 per exercise")
    func catalogueSize() throws {
        let entries = Self.reports.map(\.0)
        #expect(entries.count >= 40)
        for exercise in Judge.catalog.map(\.name) {
            #expect(entries.filter { $0.exercise == exercise }.count >= 3, "\(exercise)")
        }
    }

    @Test("each mistake fails a check, and every diagnosis names it")
    func caughtAndNamed() throws {
        try #require(!Self.reports.isEmpty, "grader-worker-mistakes was not built next to the tests")
        for (entry, report) in Self.reports {
            let checks = report.exercises.flatMap(\.checks)
            let failed = checks.filter { $0.status == .failed }
            #expect(!failed.isEmpty, "\(entry.id) is not caught")
            let names = Set(failed.compactMap { $0.diagnosis?.mistake })
            #expect(names == [entry.id], "\(entry.id) is diagnosed as \(names.sorted())")
            #expect(!checks.contains { [.crashed, .timedOut, .error].contains($0.status) }, "\(entry.id) crashed")
        }
    }
}
#endif
