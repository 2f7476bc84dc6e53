import Foundation
import TensorKit

// Naming the mistakes behind an exercise's failed checks. A name is given only on
// evidence that cannot depend on the run, and that singles the mistake out:
// - the signatures in `assignments/*/mistakes` were recorded on the public fixtures at
//   ``Judge/signatureSeed``, so a failed check is matched on exactly those inputs,
//   whatever set or seed it failed on;
// - a mistake is named only when the submission fails *every* check of its signature
//   with what the mistake produces there: a mistake that shows in two checks is not
//   named from one of them, and where several fit, the one whose signature covers the
//   most checks (the most specific) is named;
// - and only when it accounts for every check the submission fails there: a mistake
//   that passes a check the submission fails is at most part of the story (a width
//   computed from the height fails the forward pass and, on one shape, looks exactly
//   like "no stop when the stride does not fit"), and a part named as the whole is a
//   wrong name. The failures are described instead.

extension Judge {
    /// The seed at which `grader mistakes --write` records the catalogue's signatures,
    /// and at which a failed check is evaluated again to be named.
    public static let signatureSeed: UInt64 = 231

    /// The results with a diagnosis on each failed check a known mistake explains.
    /// - Parameters:
    ///   - results: the exercise's check results, in the order of `exercise.checks`.
    ///   - publicSet: the first fixture set, which the signatures were recorded on.
    func diagnose(_ results: [CheckResult], of exercise: ExerciseChecks, entry: Course.ExerciseEntry,
                  publicSet: FixtureVariant?, worker: WorkerProcess,
                  mistakes: [MistakeSignature]) -> [CheckResult] {
        guard !mistakes.isEmpty, let publicSet else { return results }
        // What each failed check observes at the signatures' inputs.
        var evidence: [String: [String: Tensor]] = [:]
        for (check, result) in zip(exercise.checks, results) where result.status == .failed {
            let contextSeed = Judge.checkSeed(exercise.name, check.id, seed: Judge.signatureSeed)
            let onPublicSet = result.fixtureSet == nil || result.fixtureSet == publicSet.name
            if onPublicSet && checkSeed(exercise.name, check.id) == contextSeed {
                evidence[check.id] = result.observations
                continue
            }
            // A check that passes there is not a catalogued mistake's doing (or not
            // recognisably so): it gets no name.
            let context = CheckContext(worker: worker, fixtures: publicSet.fixtures,
                                       threshold: entry.checks[check.id]?.threshold ?? .infinity, seed: contextSeed)
            if case .failed? = try? check.run(context) { evidence[check.id] = context.observations.values }
        }
        let explained = Judge.explained(by: evidence, among: mistakes, exercise: exercise)
        return results.map { result in
            var result = result
            if result.status == .failed { result.diagnosis = Judge.name(for: result.id, explained: explained)?.diagnosis }
            return result
        }
    }

    /// The mistakes that explain what a submission did: each check of the signature
    /// failed, with what the mistake produces there (within the check's tolerance), and
    /// the mistake fails every check the submission failed there.
    /// - Parameter evidence: failed check id → what it observed at the signatures' inputs.
    static func explained(by evidence: [String: [String: Tensor]], among mistakes: [MistakeSignature],
                          exercise: ExerciseChecks) -> [MistakeSignature] {
        let tolerances = Dictionary(uniqueKeysWithValues: exercise.checks.map { ($0.id, $0.diagnosisTolerance) })
        return mistakes.filter { signature in
            !signature.observations.isEmpty && evidence.keys.allSatisfy(signature.failing.contains)
                && signature.observations.keys.allSatisfy { check in
                    evidence[check].map { signature.matches(check: check, $0, tolerance: tolerances[check] ?? 1e-6) } ?? false
                }
        }
    }

    /// The name a failed check gets: of the explained mistakes that show in it, the one
    /// whose signature covers the most checks.
    static func name(for check: String, explained: [MistakeSignature]) -> MistakeSignature? {
        explained.filter { $0.observations[check] != nil }.max { $0.observations.count < $1.observations.count }
    }
}
