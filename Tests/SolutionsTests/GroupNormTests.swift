import Curriculum
import Solutions
import Testing
import TensorKit

@Suite("GroupNorm (reference)")
struct GroupNormTests {
    let layer = GroupNorm()

    @Test("matches the NumPy reference", arguments: ["groups-1", "groups-3", "groups-6"])
    func matchesNumPy(fixture: String) throws {
        let f = try Fixture("groupnorm/" + fixture)
        let (out, cache) = layer.forward(try f.tensor("x"), gamma: try f.tensor("gamma"), beta: try f.tensor("beta"),
                                         groups: Int(try f.parameter("groups")), eps: try f.parameter("eps"))
        expectClose(out, try f.tensor("out"), below: 1e-12, "out")
        let (dx, dgamma, dbeta) = layer.backward(try f.tensor("dout"), cache: cache)
        expectClose(dx, try f.tensor("dx"), below: 1e-10, "dx")
        expectClose(dgamma, try f.tensor("dgamma"), below: 1e-12, "dgamma")
        expectClose(dbeta, try f.tensor("dbeta"), below: 1e-12, "dbeta")
    }

    @Test("backward matches numeric gradients for x, gamma and beta")
    func numericGradients() {
        let x = Tensor.randomNormal([2, 6, 4, 5], mean: 12, standardDeviation: 5, seed: 131)
        let gamma = Tensor.randomNormal([6], seed: 132)
        let beta = Tensor.randomNormal([6], seed: 133)
        let dout = Tensor.randomNormal([2, 6, 4, 5], seed: 134)
        func out(_ x: Tensor, _ gamma: Tensor, _ beta: Tensor) -> Tensor {
            layer.forward(x, gamma: gamma, beta: beta, groups: 2, eps: 1e-5).out
        }
        let (dx, dgamma, dbeta) = layer.backward(
            dout, cache: layer.forward(x, gamma: gamma, beta: beta, groups: 2, eps: 1e-5).cache)
        expectNumericGradient(dx, of: { out($0, gamma, beta) }, at: x, dout: dout, below: 1e-6, "dx")
        expectNumericGradient(dgamma, of: { out(x, $0, beta) }, at: gamma, dout: dout, below: 1e-6, "dgamma")
        expectNumericGradient(dbeta, of: { out(x, gamma, $0) }, at: beta, dout: dout, below: 1e-6, "dbeta")
    }

    @Test("normalizes each group of each sample with its own statistics")
    func perGroupStatistics() {
        // Two samples, 4 channels in 2 groups; every (sample, group) gets its own offset.
        let offsets = Tensor([[0, 0, 50, 50], [-9, -9, 3, 3]]).reshaped(2, 4, 1, 1)
        let x = Tensor.randomNormal([2, 4, 5, 5], seed: 141) + offsets
        let (out, _) = layer.forward(x, gamma: .ones(4), beta: .zeros(4), groups: 2, eps: 1e-5)
        let grouped = out.reshaped(2, 2, -1)
        expectClose(grouped.mean(axis: 2) + 1, .ones([2, 2]), below: 1e-14, "1 + mean of each group")
        expectClose(grouped.standardDeviation(axis: 2), .ones([2, 2]), below: 1e-4, "standard deviation of each group")
    }

    @Test("with one group and gamma = 1, beta = 0, it is layer norm of each flattened sample")
    func oneGroupIsLayerNorm() {
        let x = Tensor.randomNormal([3, 4, 2, 2], seed: 151)
        let (grouped, _) = layer.forward(x, gamma: .ones(4), beta: .zeros(4), groups: 1, eps: 1e-5)
        let (rows, _) = LayerNorm().forward(x.flattenedBatch(), gamma: .ones(16), beta: .zeros(16), eps: 1e-5)
        expectClose(grouped, rows.reshaped(x.shape), below: 1e-14, "out")
    }

    @Test("stops with a message naming C and G when C is not a multiple of G")
    func channelsNotDivisible() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = GroupNorm().forward(.zeros(1, 5, 2, 2), gamma: .ones(5), beta: .zeros(5), groups: 2, eps: 1e-5)
        }
        guard let result else { return }
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("C = 5"), "the message should name C; it was: \(message)")
        #expect(message.contains("G = 2"), "the message should name G; it was: \(message)")
    }
}
