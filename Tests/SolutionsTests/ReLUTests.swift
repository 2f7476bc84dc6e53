import Curriculum
import Solutions
import Testing
import TensorKit

@Suite("ReLU (reference)")
struct ReLUTests {
    let layer = ReLU()

    @Test("forward and backward on a few values worked by hand")
    func handWorked() {
        let (out, cache) = layer.forward([-2, -0.5, 0, 0.5, 3])
        #expect(out == [0, 0, 0, 0.5, 3])
        // Only the units that were positive pass their gradient; at 0 it is 0.
        #expect(layer.backward([1, 2, 3, 4, 5], cache: cache) == [0, 0, 0, 4, 5])
    }

    @Test("keeps any shape")
    func anyShape() {
        let x = Tensor.randomNormal([2, 3, 4], seed: 1)
        let (out, cache) = layer.forward(x)
        #expect(out.shape == x.shape)
        #expect(layer.backward(.ones([2, 3, 4]), cache: cache).shape == x.shape)
    }

    @Test("matches the NumPy reference")
    func matchesNumPy() throws {
        let f = try Fixture("relu/normal-inputs")
        let (out, cache) = layer.forward(try f.tensor("x"))
        expectClose(out, try f.tensor("out"), below: 1e-12, "out")
        expectClose(layer.backward(try f.tensor("dout"), cache: cache), try f.tensor("dx"), below: 1e-12, "dx")
    }

    @Test("backward matches the numeric gradient away from the kink")
    func numericGradient() {
        // |x| ≥ 0.1 everywhere, far beyond the step h = 1e-5, so no probe crosses 0.
        let normal = Tensor.randomNormal([10, 10], seed: 21)
        let x = normal + 0.1 * Tensor.where(normal .>= 0, .ones([10, 10]), -.ones([10, 10]))
        let dout = Tensor.randomNormal([10, 10], seed: 22)
        let dx = layer.backward(dout, cache: layer.forward(x).cache)
        expectNumericGradient(dx, of: { layer.forward($0).out }, at: x, dout: dout, below: 1e-10, "dx")
    }
}
