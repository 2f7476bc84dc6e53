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
        guard let entries = try? MistakeAudit.catalogue(worker: worker) else { return [] }
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

    @Test("names do not depend on the run: graded at another seed, with fresh fixtures too, each mistake is named as itself")
    func namesAtAnotherSeed() throws {
        let worker = try #require(BuiltProducts.executable("grader-worker-mistakes"))
        let reference = try #require(BuiltProducts.executable("grader-worker-solutions"))
        let course = try Course.load(from: Self.assignments.appendingPathComponent("course.json"), catalog: Judge.catalogByName)
        let seed: UInt64 = 8_675_309
        let fresh = try FixtureGenerator(reference: WorkerConfiguration(executable: reference, timeout: 60), seed: seed)
            .cases(of: Judge.catalog)
        var judge = Judge(course: course, assignments: Self.assignments, worker: WorkerConfiguration(executable: worker), seed: seed)
        judge.fixtureSets = [.published, FixtureSet(name: "fresh", source: .cases(fresh))]
        for entry in try MistakeAudit.catalogue(worker: worker) {
            var j = judge
            j.worker.arguments = ["--mistake", entry.id]
            let failed = j.grade([entry.exercise], implementation: entry.id).exercises.flatMap(\.checks).filter { $0.status == .failed }
            let names = Set(failed.compactMap { $0.diagnosis?.mistake })
            #expect(names == [entry.id], "\(entry.id) at seed \(seed) is diagnosed as \(names.sorted())")
        }
    }

    @Test("no signature rests on a check where its mistake behaves as the reference does")
    func signaturesDistinguish() throws {
        let reference = try #require(BuiltProducts.executable("grader-worker-solutions"))
        let course = try Course.load(from: Self.assignments.appendingPathComponent("course.json"), catalog: Judge.catalogByName)
        let judge = Judge(course: course, assignments: Self.assignments, worker: WorkerConfiguration(executable: reference),
                          seed: Judge.signatureSeed)
        let report = judge.grade(nil, implementation: "solutions")
        for entry in course.exercises {
            let signatures = try MistakeStore.load(from: Self.assignments.appendingPathComponent(entry.folder)
                .appendingPathComponent("mistakes"))
            let checks = try #require(report.exercises.first { $0.name == entry.name }).checks
            for signature in signatures {
                for check in checks {
                    let tolerance = Judge.catalogByName[entry.name]!.checks.first { $0.id == check.id }!.diagnosisTolerance
                    #expect(!signature.matches(check: check.id, check.observations, tolerance: tolerance),
                            "\(signature.id) matches what the reference does in \(check.id): a catch-all name")
                }
            }
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
            let broken = checks.filter { [.crashed, .timedOut, .error].contains($0.status) }
            #expect(broken.isEmpty, "\(entry.id) did not finish: \(broken.map { "\($0.id) \($0.status.rawValue): \($0.problem ?? "")" })")
        }
    }
}
#endif
