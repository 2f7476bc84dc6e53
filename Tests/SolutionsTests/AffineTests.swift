import Curriculum
import Solutions
import Testing
import TensorKit

@Suite("Affine (reference)")
struct AffineTests {
    let layer = Affine()

    @Test("forward and backward on a 2×2 batch worked by hand")
    func handWorked() {
        let x: Tensor = [[1, 2], [3, 4]]
        let w: Tensor = [[1, 2], [3, 4]]
        let b: Tensor = [10, 20]
        let (out, cache) = layer.forward(x, w, b)
        // x·w = [[1+6, 2+8], [3+12, 6+16]], plus b on every row.
        #expect(out == [[17, 30], [25, 42]])

        let (dx, dw, db) = layer.backward(.ones(2, 2), cache: cache)
        #expect(dx == [[3, 7], [3, 7]])  // ones·wᵀ: the row sums of w
        #expect(dw == [[4, 4], [6, 6]])  // xᵀ·ones: the column sums of x
        #expect(db == [2, 2])            // one per row of dout
    }

    @Test("dx keeps the input's own shape")
    func inputShapeIsKept() {
        let x = Tensor.randomNormal([2, 3, 4], seed: 1)
        let (out, cache) = layer.forward(x, .randomNormal([12, 5], seed: 2), .zeros(5))
        #expect(out.shape == [2, 5])
        let (dx, dw, db) = layer.backward(.ones(2, 5), cache: cache)
        #expect(dx.shape == [2, 3, 4])
        #expect(dw.shape == [12, 5])
        #expect(db.shape == [5])
    }

    @Test("matches the NumPy reference")
    func matchesNumPy() throws {
        let f = try Fixture("affine/batch-of-3d-inputs")
        let (out, cache) = layer.forward(try f.tensor("x"), try f.tensor("w"), try f.tensor("b"))
        expectClose(out, try f.tensor("out"), below: 1e-12, "out")
        let (dx, dw, db) = layer.backward(try f.tensor("dout"), cache: cache)
        expectClose(dx, try f.tensor("dx"), below: 1e-12, "dx")
        expectClose(dw, try f.tensor("dw"), below: 1e-12, "dw")
        expectClose(db, try f.tensor("db"), below: 1e-12, "db")
    }

    @Test("backward matches numeric gradients for x, w and b")
    func numericGradients() {
        let x = Tensor.randomNormal([10, 2, 3], seed: 11)
        let w = Tensor.randomNormal([6, 5], seed: 12)
        let b = Tensor.randomNormal([5], seed: 13)
        let dout = Tensor.randomNormal([10, 5], seed: 14)
        let (dx, dw, db) = layer.backward(dout, cache: layer.forward(x, w, b).cache)
        // The layer is linear in each input, so the differences may take whole steps.
        expectNumericGradient(dx, of: { layer.forward($0, w, b).out }, at: x, dout: dout,
                              h: linearStep, below: 1e-10, "dx")
        expectNumericGradient(dw, of: { layer.forward(x, $0, b).out }, at: w, dout: dout,
                              h: linearStep, below: 1e-10, "dw")
        expectNumericGradient(db, of: { layer.forward(x, w, $0).out }, at: b, dout: dout,
                              h: linearStep, below: 1e-10, "db")
    }
}
