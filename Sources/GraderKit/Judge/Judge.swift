import Foundation
import TensorKit

/// Grades exercises: runs each check of each exercise against a worker and collects
/// the results. It never runs student code itself: everything the student wrote runs
/// in the worker process.
public struct Judge: Sendable {
    /// Every exercise the grader knows, in the default course order.
    public static let catalog: [ExerciseChecks] = [
        .affine, .relu, .twoLayerNet, .optimizers, .fullyConnectedNet,
        .batchNorm, .layerNorm, .dropout, .spatialBatchNorm, .groupNorm,
        .convolution,
        .maxPool,
        .convNet,
    ]

    /// The catalog by name.
    public static var catalogByName: [String: ExerciseChecks] {
        Dictionary(uniqueKeysWithValues: catalog.map { ($0.name, $0) })
    }

    public var course: Course
    /// Where `course.json` and the exercise folders are.
    public var assignments: URL
    /// The sets of fixture cases to grade against, the first one complete (a case it
    /// lacks is a grader error), the others used for the checks whose cases they hold.
    /// A check earns its points only when it passes on every one of them.
    public var fixtureSets: [FixtureSet]
    public var worker: WorkerConfiguration
    /// Seeds the fresh random inputs of invariant checks.
    public var seed: UInt64
    /// Known mistakes by exercise, when not read from `assignments/*/mistakes`
    /// (`grader mistakes` compares fresh signatures).
    public var signatures: [String: [MistakeSignature]]?
    /// The wall-clock seconds one grading may take, all exercises together. Once they
    /// are spent, the remaining checks are not run and are reported as timed out, so a
    /// grading ends within the budget plus one request's time limit.
    public var budget: Double = Judge.defaultBudget

    /// The default ``budget``: 300 s, ample for an honest submission (the reference
    /// takes about a second) and a bound on a slow or sleeping one.
    public static let defaultBudget: Double = 300

    public init(course: Course, assignments: URL, fixturesOverride: URL? = nil,
                worker: WorkerConfiguration, seed: UInt64 = 231) {
        self.course = course
        self.assignments = assignments
        self.fixtureSets = [fixturesOverride.map { FixtureSet.directory($0, kind: "fixtures") } ?? .published]
        self.worker = worker
        self.seed = seed
    }

    /// How many exercises are graded at once, each by a worker process of its own:
    /// ``defaultParallelExercises``; 1 where the cores are busy with other gradings
    /// already (`grade-all --jobs N`).
    public var parallelExercises = Judge.defaultParallelExercises

    /// One exercise per core, up to 2: while one exercise waits on its worker for one
    /// request after another, another's long frames keep the other core busy.
    public static let defaultParallelExercises = Swift.min(2, Swift.max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// Grades the named exercises (all enabled ones when `names` is `nil`); the report
    /// lists them in course order.
    ///
    /// Up to ``parallelExercises`` exercises are graded at once, each grading with a
    /// worker process of its own, taking the next exercise when it is done: in course
    /// order when one at a time, from the last when several (see ``ExerciseQueue``).
    public func grade(_ names: [String]? = nil, implementation: String) -> Report {
        let deadline = Date().addingTimeInterval(budget)
        let catalog = Judge.catalogByName
        let entries = course.exercises.compactMap { entry in catalog[entry.name].map { (entry, $0) } }
            .filter { names?.contains($0.0.name) ?? true }
        let gradings = Swift.max(1, Swift.min(parallelExercises, entries.count))
        let queue = ExerciseQueue(count: entries.count, lastFirst: gradings > 1)
        // The gradings at once share the memory limit as each grading's lanes do.
        var shared = worker
        shared.memoryLimitMB = worker.memoryLimitMB / gradings
        DispatchQueue.concurrentPerform(iterations: gradings) { [shared] grading in
            let process = WorkerProcess(shared)
            while let index = queue.next() {
                let (entry, exercise) = entries[index]
                let checks = entry.enabled ? grade(exercise, entry: entry, worker: process, deadline: deadline) : []
                queue.store(ExerciseResult(name: entry.name, title: exercise.title, stubFile: exercise.stubFile,
                                           handout: "assignments/\(entry.folder)/README.md",
                                           status: entry.enabled ? ExerciseResult.status(of: checks) : .disabled, checks: checks),
                            at: index)
            }
            process.stop()
            queue.finish(grading, output: process.output, protections: process.protections)
        }
        return Report(implementation: implementation, seed: seed, exercises: queue.results,
                      output: String(queue.output.prefix(20_000)), sandbox: queue.protections.map(SandboxReport.init(enforced:)))
    }

    /// Grades one exercise's checks in order. After a check times out, the exercise's
    /// remaining checks are not run (each would wait out the limit again); after
    /// `deadline`, no check is run.
    func grade(_ exercise: ExerciseChecks, entry: Course.ExerciseEntry, worker: WorkerProcess,
               deadline: Date = .distantFuture) -> [CheckResult] {
        var sets: [FixtureVariant] = []
        var mistakes: [MistakeSignature] = []
        var fixtureProblem: String?
        do {
            for set in fixtureSets {
                sets += try set.variants(for: entry, assignments: assignments)
            }
            mistakes = try signatures?[exercise.name]
                ?? MistakeStore.load(from: assignments.appendingPathComponent(entry.folder).appendingPathComponent("mistakes"))
        } catch {
            fixtureProblem = "\(error)"
        }
        var timedOut = false
        let results = exercise.checks.map { check in
            let points = entry.checks[check.id]?.points ?? 0
            if timedOut || Date() >= deadline {
                let reason = timedOut ? "an earlier check of this exercise timed out"
                    : "the grading's time budget of \(formatSeconds(budget)) was spent"
                return CheckResult(id: check.id, title: check.title, status: .timedOut, points: 0, maxPoints: points,
                                   problem: "not run: \(reason)")
            }
            guard let fixtureProblem else {
                let started = Date()
                var result = grade(check, of: exercise, entry: entry, on: sets, worker: worker)
                result.seconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
                timedOut = result.status == .timedOut
                return result
            }
            var result = CheckResult(id: check.id, title: check.title, status: .error, points: 0, maxPoints: points)
            result.problem = fixtureProblem
            return result
        }
        return diagnose(results, of: exercise, entry: entry, publicSet: sets.first, worker: worker, mistakes: mistakes)
    }

    /// Runs one check on every fixture set in turn, stopping at the first set it does
    /// not pass on (which the result names when there is more than one set), or after
    /// the first set when the check reads no fixtures (running it again would repeat it).
    func grade(_ check: Check, of exercise: ExerciseChecks, entry: Course.ExerciseEntry,
               on sets: [FixtureVariant], worker: WorkerProcess) -> CheckResult {
        var passed: CheckResult?
        var read: Set<String> = []
        for (index, set) in sets.enumerated() {
            // A variant that replaces none of the cases the check read repeats it.
            if !set.replaced.isEmpty && set.replaced.isDisjoint(with: read) { continue }
            let context = CheckContext(worker: worker, fixtures: set.fixtures,
                                       threshold: entry.checks[check.id]?.threshold ?? .infinity,
                                       seed: checkSeed(exercise.name, check.id))
            var result = run(check, points: entry.checks[check.id]?.points ?? 0, context: context)
            read.formUnion(context.fixtureLog.read)
            // A further set that lacks this check's cases does not cover it.
            if index > 0 && !context.fixtureLog.missing.isEmpty { continue }
            guard result.status == .passed else {
                if sets.count > 1 && result.status != .notStarted { result.fixtureSet = set.name }
                return result
            }
            result.measured = Comparison.closerToFailing(passed?.measured, result.measured)
            passed = result
            if context.fixtureLog.read.isEmpty { break }
        }
        return passed ?? CheckResult(id: check.id, title: check.title, status: .error, points: 0,
                                     maxPoints: entry.checks[check.id]?.points ?? 0, problem: "no fixture set to grade against")
    }

    /// Runs one check in one context.
    func run(_ check: Check, points: Double, context: CheckContext) -> CheckResult {
        var result = CheckResult(id: check.id, title: check.title, status: .error, points: 0, maxPoints: points)
        do {
            switch try check.run(context) {
            case .passed(let comparison):
                result.status = .passed
                result.points = points
                result.measured = comparison
            case .failed(let failure):
                result.status = .failed
                result.failure = failure
            }
            result.observations = context.observations.values
        } catch let failure as WorkerFailure {
            result.problem = failure.description
            switch failure {
            case .notStarted: result.status = .notStarted
            case .crashed(let reason, _):
                result.status = .crashed
                result.problem = failure.description
                    + (DifferenceDescription.crash(reason).map { "\nWhat the shapes say: " + $0 } ?? "")
            case .timedOut: result.status = .timedOut
            case .wrongReply(let message):
                result.status = .failed
                result.problem = nil
                result.failure = CheckFailure(message: message)
            case .infrastructure: result.status = .error
            }
        } catch {
            result.problem = "\(error)"
        }
        return result
    }

    /// A seed per check, fixed by the run's seed and the check's name.
    func checkSeed(_ exercise: String, _ check: String) -> UInt64 {
        Judge.checkSeed(exercise, check, seed: seed)
    }

    /// The seed of a check in a run with seed `seed`.
    static func checkSeed(_ exercise: String, _ check: String, seed: UInt64) -> UInt64 {
        stableHash("\(exercise)/\(check)", seed: seed)
    }

    /// FNV-1a of a name, mixed with a seed: the same on every platform and run
    /// (unlike `Hasher`).
    static func stableHash(_ name: String, seed: UInt64) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}
