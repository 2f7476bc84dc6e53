import Curriculum
import Solutions
import Testing
import TensorKit

@Suite("Convolution (reference)")
struct ConvolutionTests {
    let layer = Convolution()

    /// Shapes of x and w, stride and padding: the course's, rectangular images and
    /// filters, stride 2 with padding 2, and a 1×1 filter.
    static let geometries: [(x: [Int], w: [Int], stride: Int, padding: Int)] = [
        ([2, 3, 4, 4], [3, 3, 4, 4], 2, 1),
        ([2, 2, 5, 7], [3, 2, 3, 2], 1, 0),
        ([2, 2, 7, 6], [3, 2, 3, 2], 2, 2),
        ([1, 4, 3, 5], [2, 4, 1, 1], 1, 0),
    ]

    @Test("matches TensorKit's fast convolution (itself tested against NumPy), forward and backward",
          arguments: geometries.indices)
    func matchesFastConvolution(_ index: Int) {
        let (xShape, wShape, stride, padding) = Self.geometries[index]
        let seed = UInt64(200 + 10 * index)
        let x = Tensor.randomNormal(xShape, seed: seed), w = Tensor.randomNormal(wShape, seed: seed + 1)
        let b = Tensor.randomNormal([wShape[0]], seed: seed + 2)
        let (out, cache) = layer.forward(x, w, b, stride: stride, padding: padding)
        expectClose(out, x.convolved(with: w, bias: b, stride: stride, padding: padding), below: 1e-13, "out")
        let dout = Tensor.randomNormal(out.shape, seed: seed + 3)
        let (dx, dw, db) = layer.backward(dout, cache: cache)
        let fast = x.convolutionGradients(dout, filters: w, stride: stride, padding: padding)
        expectClose(dx, fast.input, below: 1e-13, "dx")
        expectClose(dw, fast.filters, below: 1e-13, "dw")
        expectClose(db, fast.bias, below: 1e-13, "db")
    }

    @Test("slides the filter as it is, not flipped: values worked out by hand")
    func knownValues() {
        // out[i, j] = x[i, j] + 2·x[i, j + 1] + 0.5 for the filter [[1, 2], [0, 0]].
        let x = Tensor([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]])
        let w = Tensor([[[[1, 2], [0, 0]]]])
        let (out, _) = layer.forward(x, w, Tensor([0.5]), stride: 1, padding: 0)
        expectClose(out, Tensor([[[[5.5, 8.5], [14.5, 17.5]]]]), below: 0, "out")
    }

    @Test("backward matches numeric gradients at stride 2 with padding")
    func numericGradients() {
        let x = Tensor.randomNormal([2, 2, 7, 6], seed: 301), w = Tensor.randomNormal([3, 2, 3, 2], seed: 302)
        let b = Tensor.randomNormal([3], seed: 303)
        func out(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor { layer.forward(x, w, b, stride: 2, padding: 1).out }
        let (y, cache) = layer.forward(x, w, b, stride: 2, padding: 1)
        let dout = Tensor.randomNormal(y.shape, seed: 304)
        let (dx, dw, db) = layer.backward(dout, cache: cache)
        // Linear in each of x, w and b: the centered difference is exact at any step.
        expectNumericGradient(dx, of: { out($0, w, b) }, at: x, dout: dout, h: linearStep, below: 1e-10, "dx")
        expectNumericGradient(dw, of: { out(x, $0, b) }, at: w, dout: dout, h: linearStep, below: 1e-10, "dw")
        expectNumericGradient(db, of: { out(x, w, $0) }, at: b, dout: dout, h: linearStep, below: 1e-10, "db")
    }

    @Test("stops with a message naming the sizes when the stride does not fit")
    func strideDoesNotFit() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Convolution().forward(.zeros(2, 3, 5, 6), .ones(2, 3, 3, 3), .zeros(2), stride: 2, padding: 0)
        }
        guard let result else { return }
        let message = standardError(result)
        #expect(message.contains("divisible by stride"), "the message should say what must divide; it was: \(message)")
        #expect(message.contains("(6 + 2·0 − 3) = 3"), "the message should name W, pad and WW; it was: \(message)")
    }
}
