import Curriculum
import TensorKit
import WorkerKit

/// What a running check can use: the worker, the exercise's fixtures, its threshold
/// from `course.json`, and a generator for any fresh random inputs it needs.
public struct CheckContext: Sendable {
    nonisolated(unsafe) let worker: WorkerProcess
    /// The fixture cases of this exercise, by name.
    public let fixtures: [String: FixtureCase]
    /// This check's threshold from `course.json` (`.infinity` if it has none).
    public let threshold: Double
    /// Seeds fresh random inputs; fixed per check so a run can be reproduced.
    public let seed: UInt64
    /// What the student's code produced in this check, for recognizing known mistakes.
    public let observations = Observations()
    /// Which fixture cases this check asked for.
    public let fixtureLog = FixtureLog()

    /// Evaluates requests in the student's worker.
    public func evaluate(_ requests: [WorkerRequest]) throws(WorkerFailure) -> [WorkerReply] {
        let replies = try worker.evaluate(requests)
        // The worker runs student code, which can write anything on the reply
        // descriptor: an error reply (or a probe's) is the student's failure, not the
        // grader's, and so are probe replies that do not match the probes asked for.
        if let error = replies.lazy.flatMap({ [$0] + $0.probes }).compactMap(\.error).first {
            throw WorkerFailure.wrongReply("the worker answered with an error instead of a result: \(error)")
        }
        for (request, reply) in zip(requests, replies) where reply.probes.count != request.probes?.points.count ?? 0 {
            throw WorkerFailure.wrongReply("the worker answered \(reply.probes.count) of \(request.probes?.points.count ?? 0) probes")
        }
        return replies
    }

    /// Evaluates one request in the student's worker.
    public func evaluate(_ request: WorkerRequest) throws(WorkerFailure) -> WorkerReply {
        try evaluate([request])[0]
    }

    /// Evaluates a request the code under test should refuse by stopping (sizes it
    /// must reject).
    ///
    /// Where it stopped is not looked up: no report shows the stack of a stop that was
    /// asked for, and symbolizing one takes some 50 ms.
    /// - Returns: `nil` when the worker stopped (crashed), else its reply.
    public func replyUnlessStopped(_ request: WorkerRequest) throws(WorkerFailure) -> WorkerReply? {
        worker.locatesCrashes = false
        defer { worker.locatesCrashes = true }
        do {
            return try evaluate(request)
        } catch .crashed {
            return nil
        }
    }

    /// The fixture case `name`.
    public func fixture(_ name: String) throws(WorkerFailure) -> FixtureCase {
        guard let f = fixtures[name] else {
            fixtureLog.missing.insert(name)
            throw WorkerFailure.infrastructure("missing fixture case '\(name)'; regenerate fixtures with `swift run grader fixtures`")
        }
        fixtureLog.read.insert(name)
        return f
    }

    /// The tensor output `name` of a reply, or a failure saying it is missing.
    public func output(_ name: String, of reply: WorkerReply) throws(WorkerFailure) -> Tensor {
        guard let t = reply.tensors[name] else {
            throw WorkerFailure.missingOutput(name)
        }
        return t
    }

    /// Compares named outputs with expected tensors by relative error against this
    /// check's threshold, and reports the worst.
    ///
    /// A difference within rounding noise of the case's scale is no difference (see
    /// ``Comparison/roundingTolerance``), nor one within an output's `allowance`.
    /// - Parameters:
    ///   - got: the student's outputs by name.
    ///   - expected: the reference values by name (every one must be in `got`).
    ///   - reference: what the expected values are, for the message.
    ///   - hints: per output, a hint for when it is wrong.
    ///   - inputs: the call's inputs, which a wrong output may turn out to equal.
    ///   - numbers: the call's number arguments, which a difference may be a multiple of.
    ///   - allowances: per output, how far off each element of the expected value may
    ///     itself be (a numeric gradient's estimated error), in its shape.
    public func compare(_ got: [String: Tensor], _ expected: [String: Tensor], reference: String,
                        hints: [String: String] = [:], inputs: [String: Tensor] = [:],
                        numbers: [String: Double] = [:], allowances: [String: Tensor] = [:]) -> CheckOutcome {
        // Values that are exactly zero in theory (the gradient of a bias right before
        // batch norm) come out of any implementation as rounding noise of the size of
        // the other quantities of the same computation: the largest of the expected
        // values is that size.
        let scale = expected.values.map { $0.scalars.lazy.filter(\.isFinite).map(Swift.abs).max() ?? 0 }.max() ?? 0
        var worst: Comparison?
        func comparison(_ name: String) -> Comparison? {
            guard let have = got[name], have.shape == expected[name]!.shape else { return nil }
            return Comparison.of(name, have, expected[name]!, reference: reference, threshold: threshold,
                                 allowance: allowances[name], scale: scale)
        }
        // How the outputs differ: which are right, and the structure of `name`'s error.
        func difference(_ name: String) -> String? {
            let differing = Set(expected.keys.filter { comparison($0)?.passed != true })
            return DifferenceDescription.describe(name, outputs: got, expected: expected, differing: differing,
                                                  inputs: inputs, numbers: numbers)
        }
        for (name, value) in got where expected[name] != nil {
            observations.record("\(reference): \(name)", value)
        }
        for name in expected.keys.sorted() {
            let want = expected[name]!
            guard let have = got[name] else {
                observations.record("\(reference): \(name) is missing", Tensor(0))
                return .failed(CheckFailure(message: "no '\(name)' was returned",
                                            difference: DifferenceDescription.missing(name, returned: Array(got.keys))))
            }
            if have.shape != want.shape {
                return .failed(CheckFailure(
                    message: "\(name) has shape \(formatShape(have.shape)), expected \(formatShape(want.shape))",
                    hint: hints[name], difference: difference(name)))
            }
            let comparison = comparison(name)!
            if !comparison.passed {
                return .failed(CheckFailure(
                    message: "\(name) differs from the \(reference)", comparison: comparison, hint: hints[name],
                    difference: difference(name)))
            }
            worst = Comparison.closerToFailing(worst, comparison)
        }
        return .passed(worst)
    }
}

/// The tensors a check compared, by a stable key: a check's fingerprint of the code
/// under test. A known mistake's signature is the same record made on its code.
public final class Observations: @unchecked Sendable {
    public private(set) var values: [String: Tensor] = [:]

    public func record(_ key: String, _ value: Tensor) { values[key] = value }
}

/// The fixture cases a check asked for: whether grading it on another set of cases
/// would test anything new, and whether that set holds what it needs.
public final class FixtureLog: @unchecked Sendable {
    /// The cases it read.
    public internal(set) var read: Set<String> = []
    /// The cases it asked for that the set lacks.
    public internal(set) var missing: Set<String> = []
}

extension Comparison {
    /// The part of the case's scale that is rounding noise: float64 carries 2.2e-16
    /// relative error per operation, and a value summed from up to ~10⁴ terms of the
    /// case's size (the largest batch times features of any fixture) carries up to
    /// 10⁴ · 2.2e-16 ≈ 2e-12 of that size. A difference below it cannot be told from
    /// rounding, whatever the relative error says: against a truth of 0, the course's
    /// floor of 1e-8 makes two noises of 1e-16 a relative error of 1e-8.
    static let roundingTolerance = 2e-12

    /// The course's relative error between `got` and `expected` (one shape), with the
    /// place and values of the largest one. Of each element's difference, the part
    /// within `allowance` (elementwise) and within rounding noise of `scale` does not
    /// count. A NaN anywhere (values or allowance) makes the error NaN, which no
    /// threshold passes.
    static func of(_ quantity: String, _ got: Tensor, _ expected: Tensor, reference: String,
                   threshold: Double, allowance: Tensor? = nil, scale: Double = 0) -> Comparison {
        guard got.count > 0 else {
            return Comparison(quantity: quantity, reference: reference, error: 0, threshold: threshold,
                              index: [], got: 0, expected: 0)
        }
        let rounding = roundingTolerance * scale
        var errors = [Double](repeating: 0, count: got.count)
        for i in errors.indices {
            let x = got.scalars[i], y = expected.scalars[i]
            let allowed = rounding + (allowance.map { $0.scalars[i] } ?? 0)
            // Written out so that a NaN stays a NaN (Swift.max(0, .nan) is 0).
            let excess = Swift.abs(x - y) - allowed
            errors[i] = excess.isNaN ? .nan : excess <= 0 ? 0 : excess / Swift.max(1e-8, Swift.abs(x) + Swift.abs(y))
        }
        let worst = Tensor(errors).argmax()
        return Comparison(quantity: quantity, reference: reference, error: errors[worst],
                          threshold: threshold, index: got.multiIndex(ofFlatIndex: worst),
                          got: got.scalars[worst], expected: expected.scalars[worst])
    }
}
