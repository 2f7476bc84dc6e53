import Testing
import TensorKit

/// Convolution and pooling stop on operands that do not go together, with a message
/// that says which sizes disagree and names the shapes (exit tests, as in
/// `ShapeErrorTests`).
@Suite("Convolution and pooling stop with messages that name the shapes")
struct WindowErrorTests {
    @Test func convolutionWhoseStrideDoesNotDivide() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 5, 5).convolved(with: Tensor.zeros(4, 3, 3, 3), bias: Tensor.zeros(4), stride: 3, padding: 1)
        }
        #expect(standardError(result).contains("convolution: (H + 2·pad − HH) must be divisible by stride: got (5 + 2·1 − 3) = 4 and stride 3; input (2, 3, 5, 5), filters (4, 3, 3, 3), stride 3, pad 1"))
    }

    @Test func convolutionWhoseWidthDoesNotDivide() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(1, 1, 5, 6).convolved(with: Tensor.zeros(1, 1, 3, 3), bias: Tensor.zeros(1), stride: 2)
        }
        #expect(standardError(result).contains("convolution: (W + 2·pad − WW) must be divisible by stride: got (6 + 2·0 − 3) = 3 and stride 2"))
    }

    @Test func convolutionWithTooFewChannels() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 5, 5).convolved(with: Tensor.zeros(4, 2, 3, 3), bias: Tensor.zeros(4))
        }
        #expect(standardError(result).contains("convolution: filters have 2 channels but the input has 3: input (2, 3, 5, 5), filters (4, 2, 3, 3)"))
    }

    @Test func convolutionOfAMatrix() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(5, 5).convolved(with: Tensor.zeros(1, 1, 3, 3), bias: Tensor.zeros(1))
        }
        #expect(standardError(result).contains("convolution: needs images of shape (N, C, H, W), got input (5, 5), filters (1, 1, 3, 3)"))
    }

    @Test func filterLargerThanThePaddedImage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(1, 1, 4, 4).convolved(with: Tensor.zeros(1, 1, 7, 7), bias: Tensor.zeros(1), padding: 1)
        }
        #expect(standardError(result).contains("convolution: the window does not fit: H + 2·pad = 4 + 2·1 = 6 is less than HH = 7"))
    }

    @Test func biasOfTheWrongLength() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(1, 1, 4, 4).convolved(with: Tensor.zeros(3, 1, 3, 3), bias: Tensor.zeros(2))
        }
        #expect(standardError(result).contains("convolution: bias of shape (2,) does not match filters (3, 1, 3, 3); it needs shape (3,)"))
    }

    @Test func convolutionGradientOfTheWrongShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 1, 4, 4).convolutionGradients(Tensor.zeros(2, 3, 4, 4), filters: Tensor.zeros(3, 1, 3, 3))
        }
        #expect(standardError(result).contains("convolution backward: output gradient of shape (2, 3, 4, 4) does not match the output (2, 3, 2, 2) of input (2, 1, 4, 4) and filters (3, 1, 3, 3) with stride 1 and pad 0"))
    }

    @Test func zeroStride() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(1, 1, 4, 4).maxPooled(height: 2, width: 2, stride: 0)
        }
        #expect(standardError(result).contains("max pooling: stride must be at least 1, got 0; input (1, 1, 4, 4), window 2×2, stride 0"))
    }

    @Test func poolingWindowWiderThanTheImage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(1, 1, 4, 4).maxPooled(height: 2, width: 5, stride: 2)
        }
        #expect(standardError(result).contains("max pooling: the window does not fit: W + 2·pad = 4 + 2·0 = 4 is less than WW = 5; input (1, 1, 4, 4), window 2×5, stride 2"))
    }

    @Test func poolingGradientOfTheWrongShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(1, 2, 4, 4).maxPoolingGradient(Tensor.zeros(1, 2, 4, 4), height: 2, width: 2, stride: 2)
        }
        #expect(standardError(result).contains("max pooling backward: output gradient of shape (1, 2, 4, 4) does not match the output (1, 2, 2, 2) of input (1, 2, 4, 4) with a 2×2 window and stride 2"))
    }
}
