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
/// grade. Each seed grades the reference as staff grading does (a fresh set drawn
/// from the seed, invariant checks seeded by it), and again with every fresh case's
/// `x` scaled by 1e-3 and by 1e3.
///
/// A few seeds here; `scripts/seed-sweep.sh` runs a thousand (`BACKPROPLAB_SEEDS`) and
/// docs/fixtures.md records what it measured.
@Suite("The reference on many seeds", .serialized)
struct ReferenceSeedSweepTests {
    /// How many seeds: `BACKPROPLAB_SEEDS`, or 2.
    static let seeds = UInt64(ProcessInfo.processInfo.environment["BACKPROPLAB_SEEDS"] ?? "") ?? 2
    /// The first seed: `BACKPROPLAB_FIRST_SEED`, or 1.
    static let firstSeed = UInt64(ProcessInfo.processInfo.environment["BACKPROPLAB_FIRST_SEED"] ?? "") ?? 1
    /// Input scales besides 1.
    static let scales = [1e-3, 1e3]

    @Test("passes every check on fresh fixtures and fresh inputs, at input scales 1, 1e-3 and 1e3")
    func referencePassesOnEverySeed() throws {
        let executable = try #require(BuiltProducts.executable("grader-worker-solutions"),
                                      "grader-worker-solutions was not built next to the tests")
        let assignments = BuiltProducts.checkout.appendingPathComponent("assignments")
        let course = try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName)
        let configuration = WorkerConfiguration(executable: executable)
        let reference = WorkerProcess(configuration)
        defer { reference.stop() }
        var failures: [String: [UInt64]] = [:]
        var example: [String: String] = [:]
        for seed in Self.firstSeed..<(Self.firstSeed + Self.seeds) {
            let fresh = try FixtureGenerator(worker: reference, seed: seed).cases(of: Judge.catalog)
            var sets = [FixtureSet(name: "fresh (seed \(seed))", source: .cases(fresh))]
            for scale in Self.scales {
                sets.append(FixtureSet(name: "fresh (seed \(seed)), x × \(scale)",
                                       source: .cases(try Self.scaled(fresh, by: scale, answeredBy: reference))))
            }
            // One judge over the three sets: a check that reads no fixtures runs once.
            var judge = Judge(course: course, assignments: assignments, worker: configuration, seed: seed)
            judge.fixtureSets = sets
            for exercise in judge.grade(implementation: "solutions").exercises {
                for check in exercise.checks where check.status != .passed {
                    let set = (check.fixtureSet ?? "fresh (seed \(seed))").replacingOccurrences(of: "seed \(seed)", with: "seed N")
                    let key = "\(exercise.name)/\(check.id) on \(set)"
                    failures[key, default: []].append(seed)
                    example[key] = example[key] ?? "seed \(seed): \(check.failure?.message ?? check.problem ?? "")"
                }
            }
        }
        let summary = failures.keys.sorted().map { "\($0): \(failures[$0]!.count) of \(Self.seeds) seeds (\(example[$0]!))" }
        print("seed sweep: seeds \(Self.firstSeed)–\(Self.firstSeed + Self.seeds - 1), \(failures.values.map(\.count).reduce(0, +)) failures"
              + summary.map { "\n  " + $0 }.joined())
        #expect(failures.isEmpty, "\(summary.joined(separator: "\n"))")
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
