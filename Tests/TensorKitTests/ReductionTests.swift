import Testing
import TensorKit

@Suite("Reductions")
struct ReductionTests {
    /// [[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]],
    ///  [[12, …, 15], [16, …, 19], [20, …, 23]]]
    let x = Tensor.arange(24).reshaped(2, 3, 4)

    @Test func sumOverEachAxis() {
        #expect(x.sum() == Tensor(276))
        #expect(x.sum().shape == [])
        #expect(x.sum(axis: 0) == Tensor([[12, 14, 16, 18], [20, 22, 24, 26], [28, 30, 32, 34]]))
        #expect(x.sum(axis: 1) == Tensor([[12, 15, 18, 21], [48, 51, 54, 57]]))
        #expect(x.sum(axis: 2) == Tensor([[6, 22, 38], [54, 70, 86]]))
        #expect(x.sum(axis: -1) == x.sum(axis: 2))
        #expect(x.sum(axis: -3) == x.sum(axis: 0))
    }

    @Test func sumOverSeveralAxes() {
        #expect(x.sum(axes: [0, 2]) == Tensor([60, 92, 124]))
        #expect(x.sum(axes: [2, 0]) == Tensor([60, 92, 124]))
        #expect(x.sum(axes: [0, 1]) == Tensor([60, 66, 72, 78]))
        #expect(x.sum(axes: [-1, -2]) == Tensor([66, 210]))
        #expect(x.sum(axes: [0, 1, 2]) == Tensor(276))
        #expect(x.sum(axes: []) == x)
    }

    @Test func keepDims() {
        #expect(x.sum(axis: 1, keepDims: true).shape == [2, 1, 4])
        #expect(x.sum(axes: [0, 2], keepDims: true) == Tensor(shape: [1, 3, 1], scalars: [60, 92, 124]))
        #expect(x.sum(keepDims: true) == Tensor(shape: [1, 1, 1], scalars: [276]))
        #expect(x.max(axis: -1, keepDims: true).shape == [2, 3, 1])
        // keepDims results broadcast back against the input.
        #expect((x - x.mean(axis: 2, keepDims: true)).sum(axis: 2) == Tensor.zeros(2, 3))
    }

    @Test func sizeOneAxesAndZeroD() {
        let column = Tensor([[1], [2], [3]])  // (3, 1)
        #expect(column.sum(axis: 1) == Tensor([1, 2, 3]))
        #expect(column.sum(axis: 0) == Tensor([6]))
        #expect(Tensor(5).sum() == Tensor(5))
        #expect(Tensor(5).max() == Tensor(5))
        #expect(Tensor(5).mean(keepDims: true).shape == [])
        #expect(Tensor.ones(1, 1, 5, 1).sum(axes: [0, 2]).shape == [1, 1])
    }

    @Test func emptyReductions() {
        #expect(Tensor.zeros(0, 3).sum(axis: 0) == Tensor([0, 0, 0]))
        #expect(Tensor.zeros(0, 3).sum(axis: 1).shape == [0])
        #expect(Tensor.zeros(0, 3).max(axis: 1).shape == [0])
        #expect(Tensor.zeros(0).sum() == Tensor(0))
    }

    @Test func meanVarianceAndStandardDeviation() {
        let m = Tensor([[1, 2, 3, 4], [2, 4, 6, 8]])
        #expect(m.mean() == Tensor(3.75))
        #expect(m.mean(axis: 1) == Tensor([2.5, 5]))
        #expect(m.mean(axis: 0) == Tensor([1.5, 3, 4.5, 6]))
        // Row 0: deviations ±1.5, ±0.5: Σd² = 5, variance 5/4 (ddof 0), 5/3 (ddof 1).
        #expect(m.variance(axis: 1) == Tensor([1.25, 5]))
        #expect(m.variance(axis: 1, ddof: 1) == Tensor([5.0 / 3, 20.0 / 3]))
        #expect(m.variance(axis: 0) == Tensor([0.25, 1, 2.25, 4]))
        #expect(m.standardDeviation(axis: 0) == Tensor([0.5, 1, 1.5, 2]))
        #expect(m.standardDeviation(axes: [1], ddof: 1, keepDims: true).shape == [2, 1])
        // ddof ≥ n divides by zero, as in NumPy.
        #expect(Tensor([1, 3]).variance(ddof: 2).scalar == .infinity)
    }

    @Test func maxAndMin() {
        let m = Tensor([[3, -1, 7], [2, 9, -4]])
        #expect(m.max() == Tensor(9) && m.min() == Tensor(-4))
        #expect(m.max(axis: 0) == Tensor([3, 9, 7]))
        #expect(m.min(axis: 0) == Tensor([2, -1, -4]))
        #expect(m.max(axis: 1) == Tensor([7, 9]))
        #expect(m.min(axis: -1) == Tensor([-1, -4]))
        #expect(x.max(axes: [0, 2]) == Tensor([15, 19, 23]))
        #expect(x.min(axes: [0, 2]) == Tensor([0, 4, 8]))
        let withNaN = Tensor([[1, .nan], [3, 4]])
        #expect(bits(withNaN.max(axis: 1)) == bits([.nan, 4]))
        #expect(bits(withNaN.min(axis: 0)) == bits([1, .nan]))
        #expect(withNaN.max().scalar.isNaN && withNaN.min().scalar.isNaN)
    }

    @Test func argmax() {
        let m = Tensor([[3, 9, 9], [8, 1, 2]])
        #expect(m.argmax(axis: 1) == Tensor([1, 0]))  // the first of tied maxima
        #expect(m.argmax(axis: 0) == Tensor([1, 0, 0]))
        #expect(m.argmax(axis: -1, keepDims: true) == Tensor([[1], [0]]))
        #expect(m.argmax() == 1)
        #expect(x.argmax(axis: 1) == Tensor.full([2, 4], 2))
        #expect(Tensor([1, .nan, 5, .nan]).argmax() == 1)  // the first NaN, as in NumPy
    }

    /// The expected sums are numpy's float64 results for the same inputs (for example
    /// `repr(numpy.sum(numpy.arange(1001) / 3))`). Adding pairwise along a contiguous
    /// axis, and slice by slice along an outer one, as NumPy does, reproduces them to
    /// the last bit; a plain left-to-right loop gives 166833.33333333334,
    /// 1666650000.0 and 7619334.0 for the first three.
    @Test func sumsAddInNumpysOrder() {
        #expect((Tensor.arange(1001) / 3).sum().scalar == 166833.3333333333)
        #expect((Tensor.arange(100_000) / 3).sum().scalar == 1666649999.9999998)
        #expect((Tensor.arange(12345) / 10).sum().scalar == 7619333.999999999)
        let thirds = Tensor.arange(2002) / 3
        #expect(thirds.reshaped(2, 1001).sum(axis: 1).scalars == [166833.3333333333, 500833.6666666667])
        #expect(thirds.reshaped(1001, 2).sum(axis: 0).scalars == [333666.6666666667, 334000.3333333334])
        #expect((Tensor.arange(1001) / 3).mean().scalar == 166833.3333333333 / 1001)
    }
}
