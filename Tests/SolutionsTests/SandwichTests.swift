import Curriculum
import Solutions
import Testing
import TensorKit

/// The sandwiches are given to students; here they are checked with the reference
/// layers inside, against numeric gradients of the whole sandwich.
@Suite("Layer sandwiches (given) over the reference layers")
struct SandwichTests {
    let x = Tensor.randomNormal([5, 3, 4], seed: 21)
    let w = Tensor.randomNormal([12, 10], seed: 22)
    let b = Tensor.randomNormal([10], seed: 23)
    let gamma = Tensor.randomNormal([10], mean: 1, standardDeviation: 0.2, seed: 24)
    let beta = Tensor.randomNormal([10], standardDeviation: 0.2, seed: 25)
    let dout = Tensor.randomNormal([5, 10], seed: 26)

    @Test("AffineReLU: ReLU of the affine output, and gradients for x, w and b")
    func affineReLU() {
        let layer = AffineReLU(affine: Affine(), relu: ReLU())
        let (out, cache) = layer.forward(x, w, b)
        #expect(out == maximum(x.reshaped(5, 12).matmul(w) + b, 0))
        let (dx, dw, db) = layer.backward(dout, cache: cache)
        expectNumericGradient(dx, of: { layer.forward($0, w, b).out }, at: x, dout: dout,
                              below: 1e-8, "dx")
        expectNumericGradient(dw, of: { layer.forward(x, $0, b).out }, at: w, dout: dout,
                              below: 1e-8, "dw")
        expectNumericGradient(db, of: { layer.forward(x, w, $0).out }, at: b, dout: dout,
                              below: 1e-8, "db")
    }

    @Test("AffineBatchNormReLU in training: gradients for x, w, b, gamma and beta")
    func affineBatchNormReLU() {
        let layer = AffineBatchNormReLU(affine: Affine(), batchNorm: BatchNorm(), relu: ReLU())
        func out(_ x: Tensor, _ w: Tensor, _ b: Tensor, _ gamma: Tensor, _ beta: Tensor) -> Tensor {
            var state = BatchNormState()
            return layer.forward(x, w, b, gamma: gamma, beta: beta, mode: .train, state: &state).out
        }
        var state = BatchNormState()
        let (_, cache) = layer.forward(x, w, b, gamma: gamma, beta: beta, mode: .train, state: &state)
        #expect(state.runningMean != nil, "a training step updates the running mean")
        let (dx, dw, db, dgamma, dbeta) = layer.backward(dout, cache: cache)
        expectNumericGradient(dx, of: { out($0, w, b, gamma, beta) }, at: x, dout: dout,
                              below: 1e-7, "dx")
        expectNumericGradient(dw, of: { out(x, $0, b, gamma, beta) }, at: w, dout: dout,
                              below: 1e-7, "dw")
        // b is removed again by the batch mean, so its true gradient is zero: a relative
        // error would only measure rounding noise. Both must vanish instead.
        let numericDb = numericGradient(of: { out(x, w, $0, gamma, beta) }, at: b, dout: dout)
        #expect(abs(db).max().scalar < 1e-12)
        #expect(abs(numericDb).max().scalar < 1e-8)
        expectNumericGradient(dgamma, of: { out(x, w, b, $0, beta) }, at: gamma, dout: dout,
                              below: 1e-7, "dgamma")
        expectNumericGradient(dbeta, of: { out(x, w, b, gamma, $0) }, at: beta, dout: dout,
                              below: 1e-7, "dbeta")
    }

    @Test("AffineLayerNormReLU: gradients for x, w, b, gamma and beta")
    func affineLayerNormReLU() {
        let layer = AffineLayerNormReLU(affine: Affine(), layerNorm: LayerNorm(), relu: ReLU())
        func out(_ x: Tensor, _ w: Tensor, _ b: Tensor, _ gamma: Tensor, _ beta: Tensor) -> Tensor {
            layer.forward(x, w, b, gamma: gamma, beta: beta).out
        }
        let (_, cache) = layer.forward(x, w, b, gamma: gamma, beta: beta)
        let (dx, dw, db, dgamma, dbeta) = layer.backward(dout, cache: cache)
        expectNumericGradient(dx, of: { out($0, w, b, gamma, beta) }, at: x, dout: dout,
                              below: 1e-7, "dx")
        expectNumericGradient(dw, of: { out(x, $0, b, gamma, beta) }, at: w, dout: dout,
                              below: 1e-7, "dw")
        expectNumericGradient(db, of: { out(x, w, $0, gamma, beta) }, at: b, dout: dout,
                              below: 1e-7, "db")
        expectNumericGradient(dgamma, of: { out(x, w, b, $0, beta) }, at: gamma, dout: dout,
                              below: 1e-7, "dgamma")
        expectNumericGradient(dbeta, of: { out(x, w, b, gamma, $0) }, at: beta, dout: dout,
                              below: 1e-7, "dbeta")
    }
}
