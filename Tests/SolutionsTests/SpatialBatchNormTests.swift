import Curriculum
import Solutions
import Testing
import TensorKit

@Suite("SpatialBatchNorm (reference)")
struct SpatialBatchNormTests {
    let layer = SpatialBatchNorm()

    @Test("matches the NumPy reference, running statistics included")
    func matchesNumPy() throws {
        let f = try Fixture("spatial-batchnorm/train")
        var state = BatchNormState(eps: try f.parameter("eps"), momentum: try f.parameter("momentum"))
        let (out, cache) = layer.forward(try f.tensor("x"), gamma: try f.tensor("gamma"),
                                         beta: try f.tensor("beta"), mode: .train, state: &state)
        expectClose(out, try f.tensor("out"), below: 1e-12, "out")
        expectClose(try #require(state.runningMean), try f.tensor("runningMeanAfter"), below: 1e-12, "running mean")
        expectClose(try #require(state.runningVariance), try f.tensor("runningVarianceAfter"), below: 1e-12,
                    "running variance")
        let (dx, dgamma, dbeta) = layer.backward(try f.tensor("dout"), cache: cache)
        expectClose(dx, try f.tensor("dx"), below: 1e-10, "dx")
        expectClose(dgamma, try f.tensor("dgamma"), below: 1e-12, "dgamma")
        expectClose(dbeta, try f.tensor("dbeta"), below: 1e-12, "dbeta")
    }

    @Test("backward matches numeric gradients for x, gamma and beta")
    func numericGradients() {
        let x = Tensor.randomNormal([2, 3, 4, 5], mean: 12, standardDeviation: 5, seed: 101)
        let gamma = Tensor.randomNormal([3], seed: 102)
        let beta = Tensor.randomNormal([3], seed: 103)
        let dout = Tensor.randomNormal([2, 3, 4, 5], seed: 104)
        func out(_ x: Tensor, _ gamma: Tensor, _ beta: Tensor) -> Tensor {
            var state = BatchNormState()
            return layer.forward(x, gamma: gamma, beta: beta, mode: .train, state: &state).out
        }
        var state = BatchNormState()
        let cache = layer.forward(x, gamma: gamma, beta: beta, mode: .train, state: &state).cache
        let (dx, dgamma, dbeta) = layer.backward(dout, cache: cache)
        expectNumericGradient(dx, of: { out($0, gamma, beta) }, at: x, dout: dout, below: 1e-6, "dx")
        expectNumericGradient(dgamma, of: { out(x, $0, beta) }, at: gamma, dout: dout, below: 1e-6, "dgamma")
        expectNumericGradient(dbeta, of: { out(x, gamma, $0) }, at: beta, dout: dout, below: 1e-6, "dbeta")
    }

    @Test("in training, each channel of the output has mean beta and standard deviation gamma")
    func trainingOutputStatistics() {
        let x = Tensor.randomNormal([10, 3, 4, 4], seed: 111) * Tensor([2, 0.5, 8]).reshaped(3, 1, 1)
            + Tensor([1, -6, 30]).reshaped(3, 1, 1)
        let gamma: Tensor = [1, 2, 0.5]
        let beta: Tensor = [0.5, -1, 3]
        var state = BatchNormState()
        let (out, _) = layer.forward(x, gamma: gamma, beta: beta, mode: .train, state: &state)
        let channels = [0, 2, 3]
        expectClose(out.mean(axes: channels), beta, below: 1e-12, "mean of each channel")
        // Short of γ by at most eps / (2σ²) ≈ 2e-5 for the channel with σ ≈ 0.5.
        expectClose(out.standardDeviation(axes: channels), gamma, below: 1e-4, "standard deviation of each channel")
        #expect(state.runningMean?.shape == [3])
        #expect(state.runningVariance?.shape == [3])
    }

    @Test("at test time, normalizes each channel with the running statistics")
    func testModeUsesRunningStatistics() {
        var state = BatchNormState(runningMean: [1, -2], runningVariance: [4, 0.25])
        let x = Tensor.randomNormal([3, 2, 2, 3], seed: 121)
        let (out, _) = layer.forward(x, gamma: [3, 1], beta: [0, 1], mode: .test, state: &state)
        let perChannel = { (values: Tensor) in values.reshaped(2, 1, 1) }
        let expected = perChannel([3, 1]) * (x - perChannel([1, -2])) / sqrt(perChannel([4, 0.25]) + 1e-5)
            + perChannel([0, 1])
        expectClose(out, expected, below: 1e-14, "out")
    }
}
