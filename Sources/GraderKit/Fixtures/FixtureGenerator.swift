import TensorKit
import WorkerKit

/// Makes fixture cases: runs each recipe of an exercise (`Sources/GraderKit/Checks`)
/// with a seeded generator, and has a worker — the reference's — answer the request.
///
/// The same seed gives the same cases on every run: each recipe draws from its own
/// generator, seeded by the run's seed and the recipe's `<exercise>/<case>` name, so
/// adding or reordering recipes leaves the other cases unchanged. `grader fixtures`
/// writes what it makes to disk; staff grading keeps a fresh set, drawn from a seed the
/// students never saw, in memory.
public struct FixtureGenerator {
    /// The seed of the public set, committed under `assignments/*/fixtures`.
    public static let publicSeed: UInt64 = 0

    /// How many draws of every case the sets staff grade with hold — the fresh set of
    /// `grader grade` and a hidden set of `grader fixtures --hidden` — a check earning
    /// its points only on all of them: an input that happens to hide a mistake (a mask,
    /// a sign, a coincidence of values) rarely hides it twice.
    public static let staffDraws = 2

    /// The worker that answers: `grader-worker-solutions` for real fixtures.
    public var worker: WorkerProcess
    public var seed: UInt64
    /// How many cases each recipe makes: the first under the recipe's name, the others
    /// as further cases for the same checks, `<case>@2`, `<case>@3`, … (each drawn from
    /// its own generator), which a check must pass as well.
    public var draws: Int

    /// - Parameter draws: cases per recipe (see ``draws``).
    public init(worker: WorkerProcess, seed: UInt64 = FixtureGenerator.publicSeed, draws: Int = 1) {
        self.worker = worker
        self.seed = seed
        self.draws = draws
    }

    /// A generator with its own worker, started from `reference` (and stopped when the
    /// generator is gone).
    /// - Parameter draws: cases per recipe (see ``draws``).
    public init(reference: WorkerConfiguration, seed: UInt64, draws: Int = 1) {
        self.init(worker: WorkerProcess(reference), seed: seed, draws: draws)
    }

    /// Every case of `exercise`, in recipe order (each recipe's further draws after it).
    /// - Throws: ``FixtureError`` when the worker rejects a request, ``WorkerFailure``
    ///   when it dies or hangs.
    public func cases(for exercise: ExerciseChecks) throws -> [FixtureCase] {
        try exercise.fixtureRecipes.flatMap { recipe in
            try (1...Swift.max(1, draws)).map { draw in
                let name = draw == 1 ? recipe.name : "\(recipe.name)\(FixtureSet.variantSeparator)\(draw)"
                var generator = SeededGenerator(seed: Judge.stableHash("\(exercise.name)/\(name)", seed: seed))
                let request = recipe.make(&generator)
                let reply = try worker.evaluate(request)
                if let error = reply.error { throw FixtureError(path: "\(exercise.name)/\(name)", problem: error) }
                return FixtureCase(name: name, request: request,
                                   expectedTensors: reply.tensors.filter { recipe.outputs.contains($0.key) },
                                   expectedNumbers: reply.numbers.filter { recipe.outputs.contains($0.key) })
            }
        }
    }

    /// Every case of the given exercises, by exercise name and case name.
    public func cases(of exercises: [ExerciseChecks]) throws -> [String: [String: FixtureCase]] {
        var all: [String: [String: FixtureCase]] = [:]
        for exercise in exercises {
            all[exercise.name] = Dictionary(uniqueKeysWithValues: try cases(for: exercise).map { ($0.name, $0) })
        }
        return all
    }
}
