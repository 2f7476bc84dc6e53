import Curriculum
import Solutions
import Testing
import TensorKit

@Suite("MaxPool (reference)")
struct MaxPoolTests {
    let layer = MaxPool()

    /// Shape of x, window and stride: the course's; overlapping rows with a column left
    /// over; overlapping both ways; whole numbers 0–2, so that windows hold ties.
    static let geometries: [(x: [Int], height: Int, width: Int, stride: Int, ties: Bool)] = [
        ([2, 3, 4, 4], 2, 2, 2, false),
        ([2, 2, 5, 7], 3, 2, 2, false),
        ([2, 3, 7, 6], 3, 2, 1, false),
        ([2, 2, 5, 5], 2, 2, 1, true),
    ]

    @Test("matches TensorKit's fast max pooling (itself tested against NumPy), ties included",
          arguments: geometries.indices)
    func matchesFastPooling(_ index: Int) {
        let (shape, height, width, stride, ties) = Self.geometries[index]
        var g = SeededGenerator(seed: UInt64(400 + index))
        let x = ties ? Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Double(g.nextInt(below: 3)) })
            : Tensor.randomNormal(shape, using: &g)
        let (out, cache) = layer.forward(x, poolHeight: height, poolWidth: width, stride: stride)
        expectClose(out, x.maxPooled(height: height, width: width, stride: stride), below: 0, "out")
        let dout = Tensor.randomNormal(out.shape, using: &g)
        expectClose(layer.backward(dout, cache: cache),
                    x.maxPoolingGradient(dout, height: height, width: width, stride: stride), below: 1e-15, "dx")
    }

    @Test("a tied window sends its whole gradient to its first maximum, row by row")
    func firstMaximumTakesTheGradient() {
        // One 2×2 window holding 2 three times: only the top-left one gets dout.
        let x = Tensor([[[[2, 2], [1, 2]]]])
        let (out, cache) = layer.forward(x, poolHeight: 2, poolWidth: 2, stride: 2)
        expectClose(out, Tensor([[[[2]]]]), below: 0, "out")
        expectClose(layer.backward(Tensor([[[[5]]]]), cache: cache), Tensor([[[[5, 0], [0, 0]]]]), below: 0, "dx")
    }

    @Test("rows and columns after the last whole window are left out")
    func leftoverPixels() {
        let x = Tensor.randomNormal([1, 1, 5, 7], seed: 431)
        let (out, _) = layer.forward(x, poolHeight: 2, poolWidth: 2, stride: 2)
        #expect(out.shape == [1, 1, 2, 3])
    }

    @Test("backward matches numeric gradients where no window holds a tie")
    func numericGradients() {
        let x = Tensor.randomNormal([2, 3, 7, 6], seed: 441)
        let (y, cache) = layer.forward(x, poolHeight: 3, poolWidth: 2, stride: 1)
        let dout = Tensor.randomNormal(y.shape, seed: 442)
        expectNumericGradient(layer.backward(dout, cache: cache),
                              of: { layer.forward($0, poolHeight: 3, poolWidth: 2, stride: 1).out },
                              at: x, dout: dout, below: 1e-8, "dx")
    }
}
