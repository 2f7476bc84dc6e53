import TensorKit
import WorkerKit

/// Makes fixture cases from the recipes in `Checks/*Checks.swift`: draws each recipe's
/// inputs from a seed and asks a reference worker for the expected outputs.
///
/// `grader fixtures` writes what it makes to disk; staff grading keeps a fresh set,
/// drawn from a seed the students never saw, in memory.
public struct FixtureGenerator {
    /// The worker whose answers become the expected values (`grader-worker-solutions`).
    public var reference: WorkerConfiguration
    /// Seeds every recipe's inputs, mixed with the exercise's and the case's names.
    public var seed: UInt64

    public init(reference: WorkerConfiguration, seed: UInt64) {
        self.reference = reference
        self.seed = seed
    }

    /// Every case of the given exercises, by exercise name and case name.
    /// - Throws: ``WorkerFailure`` when the reference dies, ``FixtureError`` when it
    ///   rejects a request.
    public func cases(of exercises: [ExerciseChecks]) throws -> [String: [String: FixtureCase]] {
        let worker = WorkerProcess(reference)
        defer { worker.stop() }
        var all: [String: [String: FixtureCase]] = [:]
        for exercise in exercises {
            var cases: [String: FixtureCase] = [:]
            for recipe in exercise.fixtureRecipes {
                var generator = SeededGenerator(seed: Judge.stableHash("\(exercise.name)/\(recipe.name)", seed: seed))
                let request = recipe.make(&generator)
                let reply = try worker.evaluate(request)
                if let error = reply.error { throw FixtureError(path: "\(exercise.name)/\(recipe.name)", problem: error) }
                cases[recipe.name] = FixtureCase(
                    name: recipe.name, request: request,
                    expectedTensors: reply.tensors.filter { recipe.outputs.contains($0.key) },
                    expectedNumbers: reply.numbers.filter { recipe.outputs.contains($0.key) })
            }
            all[exercise.name] = cases
        }
        return all
    }
}
