import Testing
import TensorKit
@testable import GraderKit

/// What the grader says about a wrong output when no catalogued mistake matches: only
/// structure that holds exactly, with the expected values worked out by hand here.
@Suite("Describing a difference")
struct DifferenceDescriptionTests {
    let expected = Tensor([[1.0, -2.0, 3.0], [4.0, 0.5, -6.0]])

    @Test("a constant factor is named: a simple fraction, or a dimension of the tensor")
    func factors() {
        #expect(DifferenceDescription.describe("dx", got: expected * 2, expected: expected)
                == "dx is exactly 2 times the expected value, everywhere.")
        #expect(DifferenceDescription.describe("dx", got: -expected, expected: expected)
                == "dx is exactly -1 times the expected value, everywhere.")
        let wide = Tensor((0..<150).map { Double($0 % 7) - 3.5 }).reshaped([50, 3])
        #expect(DifferenceDescription.describe("dvar", got: wide * (49.0 / 50.0), expected: wide)
                == "dvar is exactly (n − 1)/n for the size 50 of axis 0 times the expected value, everywhere.")
    }

    @Test("a single number is described only by a simple factor: any two numbers have some ratio")
    func singleNumbers() {
        #expect(DifferenceDescription.describe("loss", got: Tensor(5.0 * 2.3), expected: Tensor(2.3))
                == "loss is exactly 5 times the expected value.")
        #expect(DifferenceDescription.describe("loss", got: Tensor(1.81637 * 2.3), expected: Tensor(2.3)) == nil)
    }

    @Test("a factor per column is said, with the tensor the factors equal or invert")
    func factorPerColumn() {
        let gamma = Tensor([0.5, 0.25, 4.0])
        let got = expected / gamma   // dx without its γ
        #expect(DifferenceDescription.describe("dx", got: got, expected: expected, related: ["gamma": gamma])
                == "dx is the expected value times a different factor for each column (axis 1): the factors are 1/gamma.")
        #expect(DifferenceDescription.describe("dx", got: expected * Tensor([2.0, 3.0, 5.0]), expected: expected)
                == "dx is the expected value times a different factor for each column (axis 1).")
    }

    @Test("an output equal to the expected one times an input, elementwise, is said so")
    func timesInput() {
        let x = Tensor([[2.0, 3.0, -1.0], [0.5, 7.0, 2.0]])
        #expect(DifferenceDescription.describe("dx", got: expected * x, expected: expected, related: ["x": x])
                == "dx is the expected value times x, elementwise.")
    }

    @Test("an error linear in an input within each column is said so")
    func linearPerColumn() {
        let x = Tensor([[1.0, 2.0, 0.0], [3.0, -1.0, 2.0], [0.0, 5.0, 1.0], [2.0, 2.0, -3.0]])
        let want = Tensor([[0.3, -1.2, 2.0], [1.1, 0.4, -0.7], [-0.5, 0.9, 1.3], [0.8, -0.2, 0.6]])
        // error = a_j · x + b_j per column, with a = (0.5, -2, 1), b = (1, 0, -3)
        let error = x * Tensor([0.5, -2.0, 1.0]) + Tensor([1.0, 0.0, -3.0])
        #expect(DifferenceDescription.describe("dx", got: want + error, expected: want, related: ["x": x])
                == "in each column, the error in dx is a linear function of x (a·x + b, with a and b per column), as a term through the column's mean or variance would be.")
    }

    @Test("an error the same in every row is said to be constant along axis 0")
    func constantAlongRows() {
        let got = expected + Tensor([0.25, -1.0, 2.0])   // the same (D,) added to each row
        #expect(DifferenceDescription.describe("dx", got: got, expected: expected)
                == "dx differs from the expected value by the same amount in every row (axis 0): a term that does not depend on the position along axis 0 is missing or extra.")
    }

    @Test("a transpose, an output equal to an input, NaN and all zeros are said as such")
    func structure() {
        let square = Tensor([[1.0, 2.0], [3.0, 4.0]])
        #expect(DifferenceDescription.describe("dw", got: square.transposed(), expected: square)
                == "dw is the transpose of the expected value.")
        let dout = Tensor([[9.0, 8.0, 7.0], [6.0, 5.0, 4.0]])
        #expect(DifferenceDescription.describe("dx", got: dout, expected: expected, related: ["dout": dout])
                == "dx equals dout.")
        let nan = Tensor([[1.0, -2.0, 3.0], [4.0, .nan, .nan]])
        #expect(DifferenceDescription.describe("out", got: nan, expected: expected)
                == "out holds 2 NaN values (of 6) where the expected values are finite; the first at [1, 1].")
        #expect(DifferenceDescription.describe("dx", got: Tensor.zeros(like: expected), expected: expected) == "dx is all zeros.")
    }

    @Test("a few wrong values are located, and matched with the zeros of an input")
    func fewValues() {
        let x = Tensor([-1.0, 0.0, 2.0, 3.0, -4.0, 5.0, 6.0, 7.0])
        let want = Tensor([0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0])
        let got = Tensor([0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0])   // x ≥ 0 instead of x > 0
        #expect(DifferenceDescription.describe("dx", got: got, expected: want, related: ["x": x])
                == "only 1 of 8 values of dx differ, the first at [1]: exactly where x is 0.")
    }

    @Test("a difference with no simple structure gets no description")
    func noStructure() {
        let got = Tensor([[1.5, -2.0, 3.1], [4.0, 0.0, -6.2]])
        #expect(DifferenceDescription.describe("dx", got: got, expected: expected) == nil)
    }
}
