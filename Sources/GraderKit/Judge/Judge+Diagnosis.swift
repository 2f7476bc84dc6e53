import Foundation

// Naming a failed check's mistake. A name is given only on evidence that cannot depend
// on the run: the signatures in `assignments/*/mistakes` were recorded on the public
// fixtures at ``Judge/signatureSeed``, so a failure is matched against them on exactly
// those inputs, whatever set or seed it failed on.

extension Judge {
    /// The seed at which `grader mistakes --write` records the catalogue's signatures,
    /// and at which a failed check is evaluated again to be named.
    public static let signatureSeed: UInt64 = 231

    /// The known mistake behind a check that failed, if one is recognised.
    /// - Parameters:
    ///   - failed: the context the check failed in (its observations are reused when
    ///     it is already the signatures' context).
    ///   - onPublicSet: whether `failed` graded the public (first) set.
    ///   - publicFixtures: the first set's cases, which the signatures were recorded on.
    func diagnosis(of check: Check, exercise: String, threshold: Double, failed: CheckContext, onPublicSet: Bool,
                   publicFixtures: [String: FixtureCase], worker: WorkerProcess,
                   mistakes: [MistakeSignature]) -> Diagnosis? {
        guard !mistakes.isEmpty else { return nil }
        var observations = failed.observations.values
        let signatureContextSeed = Judge.stableHash("\(exercise)/\(check.id)", seed: Judge.signatureSeed)
        if !(onPublicSet && failed.seed == signatureContextSeed) {
            // Evaluate once more where the signatures were recorded; a check that passes
            // there is not a catalogued mistake's doing (or not recognisably so).
            let context = CheckContext(worker: worker, fixtures: publicFixtures, threshold: threshold,
                                       seed: signatureContextSeed)
            guard case .failed? = try? check.run(context) else { return nil }
            observations = context.observations.values
        }
        return mistakes.first {
            $0.matches(check: check.id, observations, tolerance: check.diagnosisTolerance)
        }?.diagnosis
    }
}
