// Needs the reference (grader-worker-solutions): only in the author's edition.
#if AUTHOR_EDITION
import Foundation
import Testing
import TensorKit
import WorkerKit
@testable import GraderKit

/// The reference never loses a point, whatever the seed: staff grading draws a seed
/// per run (per submission on Gradescope) for fresh fixtures and for the random inputs
/// of invariant checks, so a check that fails the reference on some seeds is a wrong
/// grade.
///
/// A few seeds here; `scripts/seed-sweep.sh` runs a thousand and docs/fixtures.md
/// records what it measured.
@Suite("The reference on many seeds", .serialized)
struct ReferenceSeedSweepTests {
    /// Seeds of the invariant checks: `BACKPROPLAB_SEEDS` from `BACKPROPLAB_FIRST_SEED`.
    static let seeds = seedRange(count: "BACKPROPLAB_SEEDS", default: 3)
    /// Seeds of fresh fixture sets: `BACKPROPLAB_FRESH_SEEDS` from `BACKPROPLAB_FIRST_SEED`.
    static let freshSeeds = seedRange(count: "BACKPROPLAB_FRESH_SEEDS", default: 1)
    /// Input scales of fresh sets besides 1.
    static let scales = [1e-3, 1e3]
    /// The exercises swept: `BACKPROPLAB_EXERCISES` (comma-separated names), or all.
    static let exercises: [ExerciseChecks] = {
        let names = (ProcessInfo.processInfo.environment["BACKPROPLAB_EXERCISES"] ?? "")
            .split(separator: ",").map(String.init)
        return names.isEmpty ? Judge.catalog : Judge.catalog.filter { names.contains($0.name) }
    }()

    static func seedRange(count variable: String, default count: UInt64) -> Range<UInt64> {
        let environment = ProcessInfo.processInfo.environment
        let first = UInt64(environment["BACKPROPLAB_FIRST_SEED"] ?? "") ?? 1
        return first..<(first + (UInt64(environment[variable] ?? "") ?? count))
    }

    /// Failing checks by name, with the seeds they failed on and the first message.
    final class Failures {
        var seeds: [String: [UInt64]] = [:]
        var example: [String: String] = [:]

        func record(_ key: String, seed: UInt64, _ result: CheckResult) {
            seeds[key, default: []].append(seed)
            let numbers = result.failure?.comparison.map {
                "; error \($0.error) at \($0.index): got \($0.got), expected \($0.expected)"
            } ?? ""
            example[key] = example[key] ?? "seed \(seed): \(result.failure?.message ?? result.problem ?? "")\(numbers)"
        }

        func report(_ what: String, _ range: Range<UInt64>) -> [String] {
            let lines = seeds.keys.sorted().map { "\($0): \(seeds[$0]!.count) of \(range.count) seeds (\(example[$0]!))" }
            print("seed sweep (\(what)): seeds \(range.lowerBound)–\(range.upperBound - 1), \(seeds.values.map(\.count).reduce(0, +)) failures"
                  + lines.map { "\n  " + $0 }.joined())
            return lines
        }
    }

    static func setting() throws -> (Course, URL, WorkerConfiguration) {
        let executable = try #require(BuiltProducts.executable("grader-worker-solutions"),
                                      "grader-worker-solutions was not built next to the tests")
        return (try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName),
                BuiltProducts.checkout.appendingPathComponent("assignments"), WorkerConfiguration(executable: executable))
    }

    @Test("passes every invariant check (those on fresh random inputs, drawn from the seed) on every seed")
    func invariantChecks() throws {
        let (course, assignments, configuration) = try Self.setting()
        let worker = WorkerProcess(configuration)
        defer { worker.stop() }
        let failures = Failures()
        var fixtureChecks: Set<String> = []
        for seed in Self.seeds {
            let judge = Judge(course: course, assignments: assignments, worker: configuration, seed: seed)
            for entry in course.exercises where entry.enabled {
                guard let exercise = Self.exercises.first(where: { $0.name == entry.name }) else { continue }
                for check in exercise.checks where !fixtureChecks.contains("\(exercise.name)/\(check.id)") {
                    // No fixtures: a check that asks for one is a fixture check (the
                    // other test), and skipped from then on.
                    let context = CheckContext(worker: worker, fixtures: [:],
                                               threshold: entry.checks[check.id]?.threshold ?? .infinity,
                                               seed: judge.checkSeed(exercise.name, check.id))
                    let result = judge.run(check, points: 1, context: context)
                    if !context.fixtureLog.missing.isEmpty {
                        fixtureChecks.insert("\(exercise.name)/\(check.id)")
                    } else if result.status != .passed {
                        failures.record("\(exercise.name)/\(check.id)", seed: seed, result)
                    }
                }
            }
        }
        print("invariant checks:", Self.exercises.flatMap { e in e.checks.map { "\(e.name)/\($0.id)" } }.filter { !fixtureChecks.contains($0) })
        let lines = failures.report("invariant checks", Self.seeds)
        #expect(lines.isEmpty, "\(lines.joined(separator: "\n"))")
    }

    @Test("passes every fixture check on fresh sets drawn from the seed, with x at scales 1, 1e-3 and 1e3")
    func freshFixtureSets() throws {
        let (course, assignments, configuration) = try Self.setting()
        let reference = WorkerProcess(configuration)
        defer { reference.stop() }
        let failures = Failures()
        for seed in Self.freshSeeds {
            let fresh = try FixtureGenerator(worker: reference, seed: seed).cases(of: Self.exercises)
            var sets = [(name: "fresh", fixtures: fresh)]
            for scale in Self.scales {
                sets.append(("fresh, x × \(scale)", try Self.scaled(fresh, by: scale, answeredBy: reference)))
            }
            let judge = Judge(course: course, assignments: assignments, worker: configuration, seed: seed)
            for entry in course.exercises where entry.enabled {
                guard let exercise = Self.exercises.first(where: { $0.name == entry.name }) else { continue }
                for set in sets {
                    for check in exercise.checks {
                        let context = CheckContext(worker: reference, fixtures: set.fixtures[exercise.name] ?? [:],
                                                   threshold: entry.checks[check.id]?.threshold ?? .infinity,
                                                   seed: judge.checkSeed(exercise.name, check.id))
                        let result = judge.run(check, points: 1, context: context)
                        // Invariant checks are the other test's.
                        if !context.fixtureLog.read.isEmpty && result.status != .passed {
                            failures.record("\(exercise.name)/\(check.id) on \(set.name)", seed: seed, result)
                        }
                    }
                }
            }
        }
        let lines = failures.report("fresh fixture sets", Self.freshSeeds)
        #expect(lines.isEmpty, "\(lines.joined(separator: "\n"))")
    }

    /// `fresh` with every input `x` multiplied by `scale`, and the expected outputs the
    /// reference gives for that.
    static func scaled(_ fresh: [String: [String: FixtureCase]], by scale: Double,
                       answeredBy reference: WorkerProcess) throws -> [String: [String: FixtureCase]] {
        try fresh.mapValues { cases in
            try cases.mapValues { fixture in
                var request = fixture.request
                guard let x = request.tensors["x"] else { return fixture }
                request.tensors["x"] = x * scale
                let reply = try reference.evaluate(request)
                return FixtureCase(name: fixture.name, request: request,
                                   expectedTensors: reply.tensors.filter { fixture.expectedTensors[$0.key] != nil },
                                   expectedNumbers: reply.numbers.filter { fixture.expectedNumbers[$0.key] != nil })
            }
        }
    }
}
#endif
