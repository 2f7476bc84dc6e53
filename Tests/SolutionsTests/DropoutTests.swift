import Curriculum
import Solutions
import Testing
import TensorKit

@Suite("Dropout (reference)")
struct DropoutTests {
    let layer = Dropout()

    @Test("keeps the units whose uniform draw from the seeded generator is below p, scaled by 1/p")
    func maskFollowsTheContract() {
        let x = Tensor.randomNormal([4, 6], seed: 161)
        let parameters = DropoutParameters(keepProbability: 0.6, mode: .train, seed: 7)
        var generator = SeededGenerator(seed: 7)
        let draws = Tensor.randomUniform([4, 6], using: &generator)
        let (out, _) = layer.forward(x, parameters: parameters)
        #expect(out == Tensor.where(draws .< 0.6, x / 0.6, .zeros([4, 6])))
    }

    @Test("keeps about a fraction p of 10⁵ units and preserves the mean", arguments: [0.25, 0.4, 0.7, 0.99])
    func statistics(keepProbability p: Double) {
        let n = 100_000
        let x = Tensor.full([n], 2)
        let (out, _) = layer.forward(x, parameters: DropoutParameters(keepProbability: p, mode: .train, seed: 171))
        // The kept count is binomial(n, p): standard deviation √(n p (1 − p)).
        let kept = (out .!= 0).sum().scalar
        let sd = (Double(n) * p * (1 - p)).squareRoot()
        #expect(abs(kept - Double(n) * p) < 5 * sd, "kept \(kept) of \(n) units at p = \(p)")
        // Each output is 2/p or 0, so the mean is 2 · kept / (n p): within 5 sd of 2.
        #expect(abs(out.mean().scalar - 2) < 5 * 2 * sd / (Double(n) * p), "mean \(out.mean().scalar)")
        #expect(Set(out.scalars).isSubset(of: [0, 2 / p]))
    }

    @Test("is the identity at test time, forward and backward")
    func testModeIsIdentity() {
        let x = Tensor.randomNormal([3, 5], seed: 181)
        let (out, cache) = layer.forward(x, parameters: DropoutParameters(keepProbability: 0.3, mode: .test, seed: 1))
        #expect(out == x)
        let dout = Tensor.randomNormal([3, 5], seed: 182)
        #expect(layer.backward(dout, cache: cache) == dout)
    }

    @Test("the same seed draws the same mask, another seed another")
    func seedFixesTheMask() {
        let x = Tensor.ones([20, 20])
        let first = layer.forward(x, parameters: DropoutParameters(keepProbability: 0.5, mode: .train, seed: 3)).out
        let again = layer.forward(x, parameters: DropoutParameters(keepProbability: 0.5, mode: .train, seed: 3)).out
        let other = layer.forward(x, parameters: DropoutParameters(keepProbability: 0.5, mode: .train, seed: 4)).out
        #expect(first == again)
        #expect(first != other)
    }

    @Test("backward passes the gradient through the units forward kept, scaled by 1/p")
    func backwardUsesTheSameMask() {
        let x = Tensor.randomNormal([8, 8], seed: 191) + 10  // no unit is 0 before dropout
        let (out, cache) = layer.forward(x, parameters: DropoutParameters(keepProbability: 0.5, mode: .train, seed: 9))
        let dout = Tensor.randomNormal([8, 8], seed: 192)
        let kept = out .!= 0
        #expect(layer.backward(dout, cache: cache) == Tensor.where(kept, dout / 0.5, .zeros([8, 8])))
    }

    @Test("backward matches the numeric gradient for a fixed mask")
    func numericGradient() {
        let x = Tensor.randomNormal([6, 7], seed: 201)
        let parameters = DropoutParameters(keepProbability: 0.7, mode: .train, seed: 11)
        let dout = Tensor.randomNormal([6, 7], seed: 202)
        let dx = layer.backward(dout, cache: layer.forward(x, parameters: parameters).cache)
        // With the seed fixed, the layer is linear in x.
        expectNumericGradient(dx, of: { layer.forward($0, parameters: parameters).out }, at: x, dout: dout,
                              h: linearStep, below: 1e-10, "dx")
    }
}
