import Foundation
import TensorKit
import WorkerKit

// Describing what statistical checks measured: a random draw is never exactly
// anything, so a description here says that a measured statistic is, within its own
// sampling error, a named alternative to the expected value — and only when exactly one
// alternative fits and the expected value does not — or states a fact about the draw
// that a correct one shows with probability ~0 (a mask repeated along an axis).

extension DifferenceDescription {
    /// How many of its own standard errors a measured statistic may be from an
    /// alternative and still be said to be it: as the checks' own 5 for the expected
    /// value, so that a draw of that alternative is recognised but in about 1 in 10⁶ runs.
    static let samplingDeviations = 5.0

    /// The standard deviation of `count` normal draws, measured as `got`, said to be one
    /// of `alternatives` when it is within sampling error of exactly one of them and not
    /// of `expected`.
    ///
    /// A sample standard deviation of `n` normal draws with true value `s` scatters by
    /// `s / √(2n)`; each alternative is tested against its own scatter.
    /// - Parameters:
    ///   - name: what was measured, e.g. `"std of W2"`.
    ///   - alternatives: each a formula for the student's reader (`"√(2 / fan-out) = √(2 / 400)"`)
    ///     and its value.
    /// - Returns: one sentence, or `nil` when no alternative or several fit.
    public static func standardDeviation(_ name: String, got: Double, expected: Double, count: Int,
                                         alternatives: [(formula: String, value: Double)]) -> String? {
        func fits(_ s: Double) -> Bool { s > 0 && abs(got - s) <= samplingDeviations * s / (2 * Double(count)).squareRoot() }
        guard count > 1, got.isFinite, !fits(expected) else { return nil }
        let matching = alternatives.filter { fits($0.value) }
        guard let match = matching.first else {
            // No misread formula fits: the factor is what is known.
            return "\(name) is \(format(got)), \(format(got / expected)) times the expected \(format(expected)): none of the usual misreadings of the formula gives it."
        }
        guard matching.count == 1 else { return nil }   // two fit: which one is unknown
        return "\(name) is \(format(got)): within sampling error of \(match.formula) = \(format(match.value)), not of the expected \(format(expected))."
    }

    /// A train-mode dropout output of `x` (which has no zeros) described by what its
    /// mask is: repeated along an axis, keeping the fraction `1 − p` or `Φ(p)` instead
    /// of `p`, and the factor its kept units carry when that is one of `1/p`,
    /// `1/(1 − p)`, `1`, `p`.
    /// - Parameters:
    ///   - keptFraction: the fraction of nonzero units.
    ///   - p: the keep probability asked for.
    /// - Returns: the facts that hold, or `nil` when none does.
    public static func dropoutMask(out: Tensor, x: Tensor, keepProbability p: Double) -> String? {
        guard out.shape == x.shape, out.count > 1, !x.scalars.contains(0) else { return nil }
        var facts: [String] = []
        // One mask shared along an axis: every line along it all kept or all dropped.
        // A correct mask does so with probability ≤ (p^k + (1 − p)^k) per line of k.
        let kept = out.scalars.map { $0 != 0 ? 1.0 : 0.0 }
        let strides = out.shape.indices.map { out.shape[($0 + 1)...].reduce(1, *) }
        for axis in out.shape.indices where out.shape[axis] >= 20 {
            let shared = kept.indices.allSatisfy { i in
                let position = (i / strides[axis]) % out.shape[axis]
                return kept[i] == kept[i - position * strides[axis]]
            }
            if shared {
                facts.append("out's mask is the same at every position along axis \(axis) (all \(out.shape[axis]) of them): one mask shared along that axis instead of one draw per unit")
                break
            }
        }
        let n = Double(out.count), fraction = kept.reduce(0, +) / n
        let scatter = { (q: Double) in (q * (1 - q) / n).squareRoot() }
        // The fraction kept: that of a draw ≥ p (1 − p), or of a standard normal draw
        // below p (Φ(p)) instead of a uniform one, when it is not p's.
        let normalBelow = 0.5 * (1 + erf(p / 2.0.squareRoot()))
        if abs(fraction - p) > samplingDeviations * scatter(p) {
            for (q, text) in [(1 - p, "1 − keepProbability"), (normalBelow, "the probability \(format(normalBelow)) that a standard normal draw is below keepProbability: normal draws, not uniform ones")]
            where abs(q - p) > 2 * samplingDeviations * scatter(p) && abs(fraction - q) <= samplingDeviations * scatter(q) {
                facts.append("it keeps \(format(fraction)) of the units: \(text), not keepProbability (\(format(p)))")
                break
            }
        }
        let factors = zip(out.scalars, x.scalars).filter { $0.0 != 0 }.map { $0.0 / $0.1 }
        if let c = factors.first, factors.allSatisfy({ abs($0 - c) <= 1e-9 * abs(c) }) {
            let named = [(1 / p, "x / keepProbability"), (1 / (1 - p), "x / (1 − keepProbability)"), (1.0, "x itself, unscaled"),
                         (p, "x · keepProbability")]
                .first { abs(c - $0.0) <= 1e-9 * $0.0 }
            if let (value, text) = named, !facts.isEmpty || value != 1 / p { facts.append("the kept units are \(text)") }
        }
        guard !facts.isEmpty else { return nil }
        return "At keepProbability \(format(p)), " + facts.joined(separator: "; ") + "."
    }

    /// A number with 4 significant digits.
    static func format(_ x: Double) -> String { String(format: "%.4g", x) }

    /// A seeded train-mode dropout output that is not the handout's mask, described by
    /// the handout's own uniform draws `u` (which the judge can make: the seed is in the
    /// request): which rule keeps the units it kept (`u < p`, `u ≥ p`, `u > 1 − p`,
    /// `u < 1 − p`) and which factor the kept units carry (`1/p`, `1/(1 − p)`, `1`, `p`).
    /// - Parameters:
    ///   - out: the student's output, in `x`'s shape.
    ///   - request: a `dropout.forward` call in train mode with `x`, `keepProbability`
    ///     and `seed`; `x` has no zeros.
    /// - Returns: the rule and factor, or `nil` when the kept units follow no such rule.
    public static func seededMask(out: Tensor, request: WorkerRequest) -> String? {
        guard let x = request.tensors["x"], out.shape == x.shape, !x.scalars.contains(0),
              let p = request.numbers["keepProbability"], let seed = request.numbers["seed"] else { return nil }
        var generator = SeededGenerator(seed: UInt64(seed))
        let u = Tensor.randomUniform(x.shape, low: 0, high: 1, using: &generator).scalars
        let kept = out.scalars.map { $0 != 0 }
        let rules: [(String, (Double) -> Bool)] = [
            ("u < keepProbability (the handout's)", { $0 < p }), ("u ≥ keepProbability", { $0 >= p }),
            ("u > 1 − keepProbability", { $0 > 1 - p }), ("u < 1 − keepProbability", { $0 < 1 - p })]
        guard let rule = rules.first(where: { rule in zip(u, kept).allSatisfy { rule.1($0) == $1 } }) else {
            let agree = zip(u, kept).filter { ($0 < p) == $1 }.count
            return "The units kept follow none of the rules u < p, u ≥ p, u > 1 − p, u < 1 − p for the handout's draws u "
                + "(\(agree) of \(u.count) agree with u < p): the numbers are drawn otherwise (another generator, order or count)."
        }
        let ratios = out.scalars.indices.filter { kept[$0] }.map { out.scalars[$0] / x.scalars[$0] }
        let factors: [(String, Double)] = [("1/keepProbability", 1 / p), ("1/(1 − keepProbability)", 1 / (1 - p)), ("1", 1), ("keepProbability", p)]
        let factor = ratios.first.flatMap { r in
            factors.first { f in ratios.allSatisfy { abs($0 - f.1) <= 1e-9 * f.1 } && abs(r - f.1) <= 1e-9 * f.1 }
        }
        return "The kept units are those where \(rule.0) for the handout's draws u"
            + (factor.map { ", and they are multiplied by \($0.0)." } ?? ", and they carry no one factor of 1/p, 1/(1 − p), 1 or p.")
    }
}
