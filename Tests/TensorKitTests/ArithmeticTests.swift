import Foundation
import Testing
import TensorKit

@Suite("Elementwise arithmetic and broadcasting")
struct ArithmeticTests {
    let m = Tensor([[1, 2, 3], [4, 5, 6]])

    @Test func sameShapes() {
        let n = Tensor([[6, 5, 4], [3, 2, 1]])
        #expect(m + n == Tensor.full([2, 3], 7))
        #expect(m - n == Tensor([[-5, -3, -1], [1, 3, 5]]))
        #expect(m * n == Tensor([[6, 10, 12], [12, 10, 6]]))
        let quotients: [[Double]] = [[1.0 / 6, 2.0 / 5, 3.0 / 4], [4.0 / 3, 5.0 / 2, 6]]
        #expect(m / n == Tensor(quotients))
        #expect(-m == Tensor([[-1, -2, -3], [-4, -5, -6]]))
    }

    @Test func withScalars() {
        #expect(m + 1 == Tensor([[2, 3, 4], [5, 6, 7]]))
        #expect(10 - m == Tensor([[9, 8, 7], [6, 5, 4]]))
        #expect(m * 2 == 2 * m)
        #expect(m / 2 == Tensor([[0.5, 1, 1.5], [2, 2.5, 3]]))
        #expect(12 / m == Tensor([[12, 6, 4], [3, 2.4, 2]]))
        #expect(m - 1 == Tensor([[0, 1, 2], [3, 4, 5]]))
        // A 0-d tensor broadcasts like a scalar.
        #expect(m * Tensor(2) == m * 2)
        #expect(Tensor(2) - m == 2 - m)
    }

    @Test func rowAndColumnBroadcasting() {
        let row = Tensor([10, 20, 30])
        #expect(m + row == Tensor([[11, 22, 33], [14, 25, 36]]))
        let column = Tensor([[100], [200]])
        #expect(m + column == Tensor([[101, 102, 103], [204, 205, 206]]))
        // (2, 1) with (3,) gives an outer sum of shape (2, 3).
        #expect(column + row == Tensor([[110, 120, 130], [210, 220, 230]]))
        #expect(row - m == Tensor([[9, 18, 27], [6, 15, 24]]))
    }

    @Test func broadcastingAtTheEdges() {
        // Size-1 axes in the middle and leading axes added on the left.
        let a = Tensor.arange(6).reshaped(2, 1, 3)
        let b = Tensor([[1], [2]])  // (2, 1)
        let sum = a + b             // (2, 2, 3)
        #expect(sum.shape == [2, 2, 3])
        #expect(sum.scalars == [1, 2, 3, 2, 3, 4, 4, 5, 6, 5, 6, 7])
        // A one-element tensor of higher rank widens the result.
        #expect((Tensor([1, 2]) + Tensor.ones(1, 1, 1)).shape == [1, 1, 2])
        // Extent 0 broadcasts against 1.
        #expect((Tensor.zeros(0, 3) + Tensor.ones(1, 3)).shape == [0, 3])
        #expect(Tensor([5]).broadcast(to: [2, 3]) == Tensor.full([2, 3], 5))
        #expect(broadcastShape([8, 1, 6, 1], [7, 1, 5]) == [8, 7, 6, 5])
    }

    @Test func compoundAssignment() {
        var x = m
        x += 1; x -= 2; x *= 3; x /= 3
        #expect(x == m - 1)
        x += Tensor([1, 1, 1])
        x *= Tensor([[2], [1]])
        #expect(x == Tensor([[2, 4, 6], [4, 5, 6]]))
    }

    @Test func comparisonsGiveMasks() {
        let x = Tensor([1, 2, 3])
        #expect((x .< 2).scalars == [1, 0, 0])
        #expect((x .<= 2).scalars == [1, 1, 0])
        #expect((x .> 2).scalars == [0, 0, 1])
        #expect((x .>= 2).scalars == [0, 1, 1])
        #expect((x .== 2).scalars == [0, 1, 0])
        #expect((x .!= 2).scalars == [1, 0, 1])
        #expect((x .< Tensor([[2], [4]])) == Tensor([[1, 0, 0], [1, 1, 1]]))
        #expect((Tensor([.nan]) .== Tensor([.nan])).scalars == [0])
    }
}

@Suite("Elementwise functions")
struct MathTests {
    @Test func transcendental() {
        #expect(exp(Tensor([0, 1])).scalars == [1, M_E])
        #expect(log(Tensor([1, M_E])).scalars == [0, 1])
        #expect(sqrt(Tensor([4, 2])).scalars == [2, 2.0.squareRoot()])
        #expect(abs(Tensor([-1.5, 0, 2])).scalars == [1.5, 0, 2])
        #expect(tanh(Tensor([0])).scalars == [0])
        let logs = log(Tensor([0, -1]))
        #expect(logs.scalars[0] == -.infinity && logs.scalars[1].isNaN)
    }

    @Test func squareRootsAreTheCorrectlyRoundedOnesOfEveryElement() {
        // Long enough for the vectorized loop, with the special values at every lane.
        let specials: [Double] = [0, -0.0, 1, 2, -1, .infinity, -.infinity, .nan,
                                  .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e-300, 3]
        let values = (0..<1_001).map { specials[$0 % specials.count] * (1 + Double($0 / specials.count)) }
        let roots = sqrt(Tensor(values)).scalars
        for (value, root) in zip(values, roots) {
            let expected = value.squareRoot()
            #expect(root.bitPattern == expected.bitPattern || (root.isNaN && expected.isNaN),
                    "sqrt(\(value)) gave \(root), not \(expected)")
        }
        #expect(roots[4].isNaN && roots[6].isNaN, "a negative number's square root is NaN")
        #expect(roots[1].sign == .minus, "the square root of -0 is -0")
    }

    @Test func powers() {
        #expect(pow(Tensor([2, -3]), 2).scalars == [4, 9])
        #expect(pow(Tensor([4, 9]), 0.5).scalars == [2, 3])
        #expect(pow(Tensor([2, 3]), Tensor([[1], [3]])) == Tensor([[2, 3], [8, 27]]))
    }

    @Test func maximumMinimumAndClip() {
        let a = Tensor([1, 5, -2]), b = Tensor([3, 4, -2])
        #expect(maximum(a, b).scalars == [3, 5, -2])
        #expect(minimum(a, b).scalars == [1, 4, -2])
        #expect(maximum(a, 0).scalars == [1, 5, 0])
        #expect(minimum(a, 0).scalars == [0, 0, -2])
        let nans = maximum(Tensor([.nan, 1]), Tensor([1, .nan]))
        #expect(nans.scalars.allSatisfy { $0.isNaN })
        #expect(clip(Tensor([-5, 0.5, 5]), 0, 1).scalars == [0, 0.5, 1])
        #expect(maximum(Tensor([[0], [2]]), Tensor([1, 3])) == Tensor([[1, 3], [2, 3]]))
    }

    @Test func whereChoosesByMask() {
        let mask = Tensor([1, 0, 1])
        #expect(Tensor.where(mask, Tensor([1, 2, 3]), Tensor([-1, -2, -3])).scalars == [1, -2, 3])
        // Broadcasting: a column mask picks whole rows; a scalar fills the rest.
        let picked = Tensor.where(Tensor([[1], [0]]), Tensor([[1, 2], [3, 4]]), Tensor(0))
        #expect(picked == Tensor([[1, 2], [0, 0]]))
    }

    @Test func mapAndFiniteness() {
        #expect(Tensor([1, 2]).map { $0 * 10 }.scalars == [10, 20])
        #expect(Tensor([1, 2]).isFinite)
        #expect(!Tensor([1, .infinity]).isFinite && !Tensor([.nan]).isFinite)
    }
}
