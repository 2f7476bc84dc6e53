import Testing
import TensorKit

/// A shape error is a programming error: it stops the process with a message that
/// names both operands, the way NumPy's exceptions read. Each test runs the mistake in
/// a child process (an exit test) and reads what it printed.
@Suite("Shape errors stop with NumPy's messages")
struct ShapeErrorTests {
    @Test func matmulOfMisalignedShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(4, 5).matmul(Tensor.zeros(6, 3))
        }
        #expect(standardError(result).contains("matmul: shapes (4, 5) and (6, 3) not aligned: 5 (dim 1) != 6 (dim 0)"))
    }

    @Test func arithmeticOnShapesThatDoNotBroadcast() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3) + Tensor.zeros(4)
        }
        #expect(standardError(result).contains("cannot broadcast shapes (2, 3) and (4,)"))
    }

    @Test func reshapeWhoseInferredExtentIsNotWhole() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3, 4).reshaped(5, -1)
        }
        #expect(standardError(result).contains("cannot reshape 24 elements into (5, -1)"))
    }

    @Test func reductionOverAnAxisBeyondTheRank() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3).sum(axis: 3)
        }
        #expect(standardError(result).contains("axis 3 is out of bounds for a 2-d tensor"))
    }

    @Test func negativeAxisBeyondTheRank() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(2, 3).max(axis: -3)
        }
        #expect(standardError(result).contains("axis -3 is out of bounds for a 2-d tensor"))
    }

    @Test func maximumOfAnEmptyAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros(0, 3).max(axis: 0)
        }
        #expect(standardError(result).contains("zero-size tensor of shape (0, 3) to reduction operation maximum, which has no identity"))
    }

    @Test func writingAFractionAsAnInteger() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2.5]).npyData(dtype: .int64)
        }
        #expect(standardError(result).contains("cannot write 2.5 at index 1 as Int64: not a whole number in its range"))
    }
}
