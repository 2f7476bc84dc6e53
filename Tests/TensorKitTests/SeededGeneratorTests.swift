import Testing
import TensorKit

/// The expected values come from scripts/seeded_generator_reference.py, an independent
/// Python implementation of SplitMix64 seeding and xoshiro256**.
@Suite("Seeded generator")
struct SeededGeneratorTests {
    @Test(arguments: [
        (0, [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C]),
        (42, [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1]),
    ] as [(UInt64, [UInt64])])
    func firstWordsOfASeed(seed: UInt64, expected: [UInt64]) {
        var g = SeededGenerator(seed: seed)
        #expect((0..<4).map { _ in g.next() } == expected)
    }

    @Test func uniformsUseTheTop53Bits() {
        var g = SeededGenerator(seed: 0)
        #expect((0..<3).map { _ in g.nextUniform() } == [0.6012629994179048, 0.7477740925472398, 0.10301998939503632])
        var h = SeededGenerator(seed: 42)
        #expect((0..<3).map { _ in h.nextUniform() } == [0.08386297105988216, 0.3789802506626686, 0.6800434110281394])
    }

    /// The reference uses Python's `math.log`; ours is a portable logarithm, so the
    /// normals may differ in the last bit or two, not more.
    @Test func normalsByThePolarMethod() {
        var g = SeededGenerator(seed: 0)
        let expected = [0.5981026483626094, 1.4634599192204392, -0.8950525532379914, -0.1880627660388742]
        for e in expected {
            let x = g.nextNormal()
            #expect(Swift.abs(x - e) <= 4 * e.ulp, "\(x) vs \(e)")
        }
    }

    /// Over n = 10^5 draws the sample mean has standard error 1/√n ≈ 0.0032 and the
    /// sample variance 0.0045 (√(2/n), the variance of x² being 2 for a normal); 5
    /// standard errors leave a false-failure chance below 10⁻⁶, and the seed is fixed.
    @Test func normalsHaveMeanZeroAndVarianceOne() {
        var g = SeededGenerator(seed: 7)
        let x = Tensor.randomNormal([100_000], using: &g)
        #expect(Swift.abs(x.mean().scalar) < 5 * 0.0032)
        #expect(Swift.abs(x.variance().scalar - 1) < 5 * 0.0045)
        let shifted = Tensor.randomNormal([100_000], mean: 3, standardDeviation: 2, using: &g)
        #expect(Swift.abs(shifted.mean().scalar - 3) < 5 * 2 * 0.0032)
        #expect(Swift.abs(shifted.standardDeviation().scalar - 2) < 5 * 2 * 0.0023)
    }

    /// Uniform on [low, high): mean (low + high)/2, variance (high − low)²/12.
    @Test func uniformTensorsStayInRange() {
        var g = SeededGenerator(seed: 1)
        let x = Tensor.randomUniform([100_000], low: -2, high: 4, using: &g)
        #expect(x.min().scalar >= -2 && x.max().scalar < 4)
        #expect(Swift.abs(x.mean().scalar - 1) < 5 * (3.0 / 100_000.0.squareRoot()) / 3.0.squareRoot())
    }

    @Test func sameSeedSameNumbers() {
        var a = SeededGenerator(seed: 99), b = SeededGenerator(seed: 99)
        #expect(Tensor.randomNormal([5], using: &a) == Tensor.randomNormal([5], using: &b))
        #expect(a == b)
    }

    @Test func integersAndPermutations() {
        var g = SeededGenerator(seed: 3)
        var counts = [Int](repeating: 0, count: 3)
        for _ in 0..<30_000 { counts[g.nextInt(below: 3)] += 1 }
        // Each count is binomial(30000, 1/3): standard deviation ≈ 81.6; 5σ ≈ 410.
        #expect(counts.allSatisfy { Swift.abs($0 - 10_000) < 410 })
        let p = g.permutation(50)
        #expect(p.sorted() == Array(0..<50))
        #expect(p != Array(0..<50))
    }
}
