import Testing
import TensorKit

@Suite("Convolution geometry: output sizes by the course's formula")
struct ConvolutionGeometryTests {
    @Test("H′ = 1 + (H + 2·pad − HH) / stride, and W′ alike")
    func outputSize() {
        let g = ConvolutionGeometry(input: [50, 3, 32, 30], windowHeight: 7, windowWidth: 5, stride: 1, padding: 3)
        #expect((g.outputHeight, g.outputWidth, g.windowSize, g.outputPixels) == (32, 32, 105, 1024))
        let strided = ConvolutionGeometry(input: [1, 1, 7, 5], windowHeight: 3, windowWidth: 3, stride: 2, padding: 2)
        #expect((strided.outputHeight, strided.outputWidth) == (5, 4))
    }

    @Test("pooling rounds down: rows and columns after the last whole window are left out")
    func poolingRoundsDown() {
        let g = ConvolutionGeometry(input: [1, 1, 5, 7], windowHeight: 2, windowWidth: 2, stride: 2, fit: .roundingDown)
        #expect((g.outputHeight, g.outputWidth) == (2, 3))
    }
}
