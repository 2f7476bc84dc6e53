import Testing
import TensorKit
import WorkerKit
@testable import GraderKit

/// What the grader says about a statistical check's failure: a measured statistic that
/// is, within its sampling error, exactly one named alternative; a dropout mask's facts.
/// Expected values worked out by hand.
@Suite("Describing a statistic")
struct StatisticDescriptionTests {
    /// Kaiming's formula for a 100 → 25 layer misread in two ways.
    let alternatives: [(formula: String, value: Double)] = [("√(2 / fan-out) = √(2 / 25)", (2 / 25.0).squareRoot()),
                                                             ("√(1 / fan-in) = √(1 / 100)", 0.1)]

    @Test("a standard deviation within sampling error of one alternative, and not of the expected value, is said to be it")
    func standardDeviationOfAnAlternative() {
        // 2,500 draws: a std scatters by s / √5000 = 1.4 % of s; 0.29 is 2.5 % from √(2/25) = 0.2828.
        #expect(DifferenceDescription.standardDeviation("the std of W1", got: 0.29, expected: (2 / 100.0).squareRoot(), count: 2500,
                                                        alternatives: alternatives)
                == "the std of W1 is 0.29: within sampling error of √(2 / fan-out) = √(2 / 25) = 0.2828, not of the expected 0.1414.")
    }

    @Test("a standard deviation is not described when the expected value or two alternatives fit; when none does, by its factor")
    func standardDeviationSilent() {
        let expected = (2 / 100.0).squareRoot()
        #expect(DifferenceDescription.standardDeviation("std", got: 0.145, expected: expected, count: 2500, alternatives: alternatives) == nil)
        // 0.2 / √0.02 = √2 = 1.414…, and neither 0.2828 nor 0.1 is within 5 × 1.4 % of 0.2.
        #expect(DifferenceDescription.standardDeviation("std", got: 0.2, expected: expected, count: 2500, alternatives: alternatives)
                == "std is 0.2, 1.414 times the expected 0.1414: none of the usual misreadings of the formula gives it.")
        // 0.100 and 0.103 are 3 % apart: with 400 draws (3.5 % scatter) both fit 0.101.
        #expect(DifferenceDescription.standardDeviation("std", got: 0.101, expected: expected, count: 400,
                                                        alternatives: alternatives + [("another", 0.103)]) == nil)
    }

    /// 400 × 25 inputs, none zero.
    let x = Tensor((0..<10_000).map { Double($0 % 7) + 1 }).reshaped([400, 25])

    /// `x / p` where `keep(row, column)`, else 0.
    func dropout(p: Double, keep: (Int, Int) -> Bool) -> Tensor {
        Tensor((0..<10_000).map { keep($0 / 25, $0 % 25) ? x.scalars[$0] / p : 0 }).reshaped([400, 25])
    }

    @Test("a dropout mask repeated along the batch axis is said so, with the factor of the kept units")
    func sharedMask() {
        let out = dropout(p: 0.25) { _, column in column % 4 == 0 }
        #expect(DifferenceDescription.dropoutMask(out: out, x: x, keepProbability: 0.25)
                == "At keepProbability 0.25, out's mask is the same at every position along axis 0 (all 400 of them): one mask shared along that axis instead of one draw per unit; the kept units are x / keepProbability.")
    }

    @Test("a dropout that keeps 1 − p of the units is said so; at p = 0.5 that cannot be told, and a right mask gets nothing")
    func keptFraction() {
        // Every fourth unit dropped (25 columns: the pattern shifts from row to row).
        let keepsThreeQuarters = dropout(p: 0.25) { row, column in (row * 25 + column) % 4 != 0 }
        #expect(DifferenceDescription.dropoutMask(out: keepsThreeQuarters, x: x, keepProbability: 0.25)
                == "At keepProbability 0.25, it keeps 0.75 of the units: 1 − keepProbability, not keepProbability (0.25); the kept units are x / keepProbability.")
        let half = dropout(p: 0.5) { row, column in (row * 25 + column) % 2 == 0 }
        #expect(DifferenceDescription.dropoutMask(out: half, x: x, keepProbability: 0.5) == nil)
        let right = dropout(p: 0.25) { row, column in (row * 25 + column) % 4 == 0 }
        #expect(DifferenceDescription.dropoutMask(out: right, x: x, keepProbability: 0.25) == nil)
        let unscaled = dropout(p: 1) { row, column in (row * 25 + column) % 4 == 0 }
        #expect(DifferenceDescription.dropoutMask(out: unscaled, x: x, keepProbability: 0.25)
                == "At keepProbability 0.25, the kept units are x itself, unscaled.")
        let timesP = dropout(p: 4) { row, column in (row * 25 + column) % 4 == 0 }
        #expect(DifferenceDescription.dropoutMask(out: timesP, x: x, keepProbability: 0.25)
                == "At keepProbability 0.25, the kept units are x · keepProbability.")
    }

    @Test("a seeded dropout output is described by the rule its kept units follow on the handout's draws, and their factor")
    func seededMaskRules() {
        let p = 0.3, seed = 977.0
        let x = Tensor((0..<80).map { Double($0 % 9) + 1 }).reshaped([8, 10])
        var generator = SeededGenerator(seed: 977)
        let u = Tensor.randomUniform([8, 10], low: 0, high: 1, using: &generator).scalars
        let request = WorkerRequest("dropout.forward", tensors: ["x": x], numbers: ["keepProbability": p, "seed": seed],
                                    strings: ["mode": "train"])
        func out(_ keep: (Double) -> Bool, _ factor: Double) -> Tensor {
            Tensor(x.scalars.indices.map { keep(u[$0]) ? x.scalars[$0] * factor : 0 }).reshaped([8, 10])
        }
        #expect(DifferenceDescription.seededMask(out: out({ $0 > 1 - p }, 1 / p), request: request)
                == "The kept units are those where u > 1 − keepProbability for the handout's draws u, and they are multiplied by 1/keepProbability.")
        #expect(DifferenceDescription.seededMask(out: out({ $0 >= p }, 1 / (1 - p)), request: request)
                == "The kept units are those where u ≥ keepProbability for the handout's draws u, and they are multiplied by 1/(1 − keepProbability).")
        // Every other unit kept: no rule on u gives that.
        let alternate = Tensor(x.scalars.indices.map { $0 % 2 == 0 ? x.scalars[$0] / p : 0 }).reshaped([8, 10])
        #expect(DifferenceDescription.seededMask(out: alternate, request: request)?.hasPrefix("The units kept follow none of the rules") == true)
    }
}
