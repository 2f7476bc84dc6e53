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

    @Test("the expected value reversed along some axes (a flipped filter) is said so, with the fewest axes")
    func reversals() {
        let filter = Tensor(shape: [1, 1, 2, 3], scalars: [1, -2, 3, 4, -5, 6])
        #expect(DifferenceDescription.describe("dw", got: Tensor(shape: [1, 1, 2, 3], scalars: [6, -5, 4, 3, -2, 1]), expected: filter)
                == "dw is the expected value reversed along axes 2 and 3.")
        #expect(DifferenceDescription.describe("out", got: Tensor(shape: [1, 1, 2, 3], scalars: [4, -5, 6, 1, -2, 3]), expected: filter)
                == "out is the expected value reversed along axis 2.")
        // Rows that read the same both ways: reversing them says nothing, so only axis 2 is named.
        let palindromes = Tensor(shape: [2, 3], scalars: [1, 2, 1, 3, -4, 3])
        #expect(DifferenceDescription.describe("dw", got: Tensor(shape: [2, 3], scalars: [3, -4, 3, 1, 2, 1]), expected: palindromes)
                == "dw is the expected value reversed along axis 0.")
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

    // MARK: - Several outputs, inputs and shapes

    let right = Tensor([0.5, -1.5, 2.0])
    let shapeless = Tensor([[1.5, -2.0, 3.1], [4.0, 0.0, -6.2]])   // no structure against `expected`

    @Test("which outputs differ is said when some are right, and not when all differ")
    func whichOutputs() {
        let many = (1...8).map { "grad.b\($0)" }
        #expect(DifferenceDescription.whichOutputs(expected: many + ["loss"], differing: ["loss"])
                == "loss differs; the other 8 outputs are right.")
        #expect(DifferenceDescription.whichOutputs(expected: many + ["loss"], differing: Set(many))
                == "loss is right; the other 8 outputs differ.")
        #expect(DifferenceDescription.describe("dx", outputs: ["dx": shapeless, "dgamma": right, "dbeta": right],
                                               expected: ["dx": expected, "dgamma": right, "dbeta": right],
                                               differing: ["dx"], inputs: [:])
                == "dx differs; dbeta and dgamma are right.")
        #expect(DifferenceDescription.describe("dx", outputs: ["dx": shapeless, "dgamma": right * 3, "dbeta": right * 5],
                                               expected: ["dx": expected, "dgamma": right, "dbeta": right],
                                               differing: ["dx", "dgamma", "dbeta"], inputs: [:]) == nil)
    }

    @Test("an output that holds another output's value is said to")
    func swapped() {
        let dbeta = Tensor([3.0, 1.0, -2.0])
        #expect(DifferenceDescription.describe("dgamma", outputs: ["dgamma": dbeta, "dbeta": right],
                                               expected: ["dgamma": right, "dbeta": dbeta],
                                               differing: ["dgamma", "dbeta"], inputs: [:])
                == "dgamma holds the value dbeta should have.")
    }

    @Test("a state returned unchanged, or changed when it should not be, is said so")
    func unchangedState() {
        let before = Tensor([1.0, 2.0, 3.0]), after = Tensor([0.9, 2.5, 2.0])
        #expect(DifferenceDescription.describe("velocity", outputs: ["velocity": before], expected: ["velocity": after],
                                               differing: ["velocity"], inputs: ["velocity": before])
                == "velocity is returned unchanged: it equals the velocity passed in, which should have been updated.")
        #expect(DifferenceDescription.describe("runningMean", outputs: ["runningMean": after],
                                               expected: ["runningMean": before],
                                               differing: ["runningMean"], inputs: ["runningMean": before])
                == "runningMean should come back unchanged (equal to the runningMean passed in), but yours changed it.")
        #expect(DifferenceDescription.describe("velocity", outputs: ["velocity": Tensor([7.0, -1.0, 0.3])],
                                               expected: ["velocity": after],
                                               differing: ["velocity"], inputs: ["velocity": before]) == nil)
    }

    @Test("an output of the wrong shape: right values reshaped, transposed, not summed, or an input summed over another axis")
    func wrongShapes() {
        #expect(DifferenceDescription.shape("dbeta", got: right.reshaped([1, 3, 1, 1]), expected: right, related: [:])
                == "dbeta holds the right values in shape (1, 3, 1, 1) instead of (3,): only its shape is wrong.")
        #expect(DifferenceDescription.shape("dw", got: expected.transposed(), expected: expected, related: [:])
                == "dw is the transpose of the expected value (shape (3, 2) instead of (2, 3)).")
        // (4, 3) per-example products whose column sums are the expected dgamma.
        let perExample = Tensor([[0.5, -1.0, 1.0], [0.0, 0.0, 0.5], [-0.5, -0.5, 0.25], [0.5, 0.0, 0.25]])
        #expect(DifferenceDescription.shape("dgamma", got: perExample, expected: right, related: [:])
                == "dgamma has shape (4, 3) instead of (3,): summed over its axis 0, it would be right.")
        let dout = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])   // column sums (5, 7, 9), row sums (6, 15)
        #expect(DifferenceDescription.shape("db", got: Tensor([6.0, 15.0]), expected: Tensor([5.0, 7.0, 9.0]), related: ["dout": dout])
                == "db equals dout summed over axis 1 (shape (2,) instead of (3,)); the expected value is dout summed over axis 0.")
        #expect(DifferenceDescription.shape("db", got: Tensor([6.0, 14.0]), expected: Tensor([5.0, 7.0, 9.0]), related: ["dout": dout]) == nil)
        #expect(DifferenceDescription.shape("b1", got: .zeros([1, 4]), expected: .zeros([4]), related: [:])
                == "b1 holds the right values in shape (1, 4) instead of (4,): only its shape is wrong.")
    }

    @Test("a missing output is said with what came back: a gradient by the entries grads has, a running statistic as the state's field")
    func missingOutputs() {
        #expect(DifferenceDescription.missing("grad.b1", returned: ["loss", "grad.W2", "grad.W1", "grad.b2"])
                == "grads has no entry for b1; it has entries for W1, W2 and b2.")
        #expect(DifferenceDescription.missing("bn0.runningMean", returned: ["loss", "grad.W1"])
                == "After the call, the batch-norm state bn0 holds no running mean (bn0.runningMean came back empty); no running statistic came back.")
        #expect(DifferenceDescription.missing("runningVariance", returned: ["out", "runningMean"])
                == "After the call, the batch-norm state holds no running variance (runningVariance came back empty); runningMean came back.")
        #expect(DifferenceDescription.missing("dx", returned: ["dgamma", "dbeta"]) == "dx is missing; dbeta and dgamma came back.")
    }

    @Test("a weight made in the wrong shape is said by its wrong size: another of the network's sizes, or a multiple of the right one")
    func layerSizes() {
        let sizes = [(label: "the input's size", size: 100), (label: "layer 1's output size", size: 25)]
        #expect(DifferenceDescription.layerSize("W2", got: [100, 400], expected: [25, 400], sizes: sizes)
                == "W2's dimension 0 is 100 where 25 belongs: 100 is the input's size.")
        #expect(DifferenceDescription.layerSize("W3", got: [1024, 10], expected: [256, 10], sizes: sizes)
                == "W3's dimension 0 is 1024 where 256 belongs: 4 times that size.")
        #expect(DifferenceDescription.layerSize("W1", got: [8, 3, 3, 3], expected: [8, 3, 5, 5], sizes: sizes) == nil)
        #expect(DifferenceDescription.layerSize("W1", got: [30, 400], expected: [25, 400], sizes: sizes) == nil)
        #expect(DifferenceDescription.layerSize("W1", got: [400], expected: [25, 400], sizes: sizes) == nil)
    }

    @Test("shapes that do not broadcast are said by the axes the smaller one matches, and the shape that would broadcast there")
    func broadcastCrashes() {
        #expect(DifferenceDescription.crash("cannot broadcast shapes (50, 4) and (50,)")
                == "(50,) lines up with the last axis of (50, 4) (broadcasting matches shapes from the right), but it matches axis 0: to broadcast along axis 0 it needs shape (50, 1), by a reshape, or by keepDims on the sum or mean that made it.")
        #expect(DifferenceDescription.crash("cannot broadcast shapes (3,) and (2, 3, 4, 5)")?
                    .contains("it matches axis 1: to broadcast along axis 1 it needs shape (1, 3, 1, 1)") == true)
        #expect(DifferenceDescription.crash("cannot broadcast shapes (2, 3, 4, 5) and (2, 3)")?
                    .contains("the last 2 axes of (2, 3, 4, 5)") == true)
        // Shapes of one rank: along which axes they disagree (a dropout mask of one
        // layer applied to another's gradient).
        #expect(DifferenceDescription.crash("cannot broadcast shapes (6, 10) and (6, 8)")
                == "(6, 10) and (6, 8) differ along axis 1, 10 against 8, where neither is 1: no reshape or keepDims makes them broadcast.")
        #expect(DifferenceDescription.crash("cannot broadcast shapes (10,) and (8,)") == nil, "two vectors: the message says it all")
        // A vector that is the size of no axis: the shape of the other's elements as
        // rows of its length (a spatial batch norm's rows made along the width).
        #expect(DifferenceDescription.crash("cannot broadcast shapes (3,) and (24, 5)")
                == "(3,) is the size of no axis of (24, 5); as rows of 3, its 120 elements would have shape (40, 3).")
        #expect(DifferenceDescription.crash("cannot broadcast shapes (7,) and (2, 3)") == nil, "6 elements make no rows of 7")
    }

    @Test("a product whose operands do not align: the transpose or order that would align them")
    func alignmentCrashes() {
        // dx = dout · W where W's transpose belongs.
        #expect(DifferenceDescription.crash("matmul: shapes (4, 6) and (5, 6) not aligned: 6 (dim 1) != 5 (dim 0)")
                == "(4, 6) has 6 columns where (5, 6) has 5 rows; aligned would be (5, 6) transposed, as (4, 6)·(6, 5).")
        // dW = x · dout where x's transpose belongs; (5, 4)·(4, 6) is also the other order.
        #expect(DifferenceDescription.crash("matmul: shapes (4, 5) and (4, 6) not aligned: 5 (dim 1) != 4 (dim 0)")
                == "(4, 5) has 5 columns where (4, 6) has 4 rows; aligned would be (4, 5) transposed, as (5, 4)·(4, 6).")
        #expect(DifferenceDescription.crash("matmul: shapes (6, 5) and (4, 6) not aligned: 5 (dim 1) != 4 (dim 0)")
                == "(6, 5) has 5 columns where (4, 6) has 4 rows; aligned would be the other order, (4, 6)·(6, 5).")
        // A flattened size that the weights do not expect (a padding hard-coded): the
        // message says it all.
        #expect(DifferenceDescription.crash("matmul: shapes (4, 12) and (27, 6) not aligned: 12 (dim 1) != 27 (dim 0)") == nil)
        #expect(DifferenceDescription.crash("matmul: needs two 2-d tensors, got shapes (2, 3, 4) and (12, 5)") == nil)
    }

    @Test("a reshape to the wrong number of elements: by what factor, and the shape with its last two axes scaled that would hold them")
    func reshapeCrashes() {
        // A gradient folded to the pre-pool shape: 2×2 pooling left a quarter of it.
        #expect(DifferenceDescription.crash("cannot reshape 108 elements into (4, 3, 6, 6)")
                == "(4, 3, 6, 6) holds 432 elements, 4 times the 108 there are; with its last two axes each 2 times smaller, (4, 3, 3, 3), it would hold them.")
        #expect(DifferenceDescription.crash("cannot reshape 432 elements into (4, 3, 3, 3)")
                == "the 432 elements are 4 times the 108 that (4, 3, 3, 3) holds; with its last two axes each 2 times larger, (4, 3, 6, 6), it would hold them.")
        #expect(DifferenceDescription.crash("cannot reshape 24 elements into (4, 3)") == "the 24 elements are 2 times the 12 that (4, 3) holds.")
        #expect(DifferenceDescription.crash("cannot reshape 10 elements into (4, 3)") == nil, "no whole factor")
        #expect(DifferenceDescription.crash("cannot reshape 10 elements into (-1, 3)") == nil, "an inferred size: nothing to scale")
    }

    @Test("a layer's backward given a gradient of another shape than its output: along which axes")
    func gradientShapeCrashes() {
        #expect(DifferenceDescription.crash("max pooling backward: output gradient of shape (4, 3, 3, 3) does not match the output (4, 2, 3, 3) of input (4, 2, 6, 6) with a 2×2 window and stride 2")
                == "The gradient, (4, 3, 3, 3), and the output the cached input gives, (4, 2, 3, 3), differ along axis 1, 3 against 2: the gradient passed back is not of this layer's output, or the cache is not this layer's input.")
        #expect(DifferenceDescription.crash("index 6 is out of bounds for axis 3 with size 6") == nil, "nothing beyond the message")
        #expect(DifferenceDescription.crash("Index out of range") == nil)
    }

    @Test("an output right where it overlaps the expected one: a border left by padding, a row or column extra or missing")
    func croppedShapes() {
        // A 1 × 1 × 2 × 3 gradient, and the 4 × 5 one of its input padded by 1 on every side.
        let inner = Tensor(shape: [1, 1, 2, 3], scalars: [1, -2, 3, 4, -5, 6])
        let padded = Tensor(shape: [1, 1, 4, 5], scalars: [
            9, 9, 9, 9, 9,
            9, 1, -2, 3, 9,
            9, 4, -5, 6, 9,
            9, 9, 9, 9, 9])
        #expect(DifferenceDescription.shape("dx", got: padded, expected: inner, related: [:])
                == "dx has shape (1, 1, 4, 5) instead of (1, 1, 2, 3), and without the first 1 and the last 1 along axes 2 and 3 it would be right: those positions are extra.")
        // An output size rounded up: one more row, at the end.
        let extraRow = Tensor(shape: [1, 1, 3, 3], scalars: [1, -2, 3, 4, -5, 6, 7, 7, 7])
        #expect(DifferenceDescription.shape("out", got: extraRow, expected: inner, related: [:])
                == "out has shape (1, 1, 3, 3) instead of (1, 1, 2, 3), and without the last 1 along axis 2 it would be right: those positions are extra.")
        // The last column dropped.
        #expect(DifferenceDescription.shape("out", got: Tensor(shape: [1, 1, 2, 2], scalars: [1, -2, 4, -5]), expected: inner, related: [:])
                == "out has shape (1, 1, 2, 2) instead of (1, 1, 2, 3), and is right as far as it goes: the expected value without the last 1 along axis 3. Those positions are missing.")
        // Wrong where they overlap: nothing to say about the overlap.
        #expect(DifferenceDescription.shape("out", got: Tensor(shape: [1, 1, 2, 2], scalars: [1, -2, 4, 5]), expected: inner, related: [:]) == nil)
    }

    // MARK: - Terms the judge can compute

    @Test("an error that is an input times a simple constant or a number argument is said so")
    func errorProportionalToInput() {
        let w = Tensor([[0.3, -1.2, 2.0], [1.1, 0.4, -0.7]])
        #expect(DifferenceDescription.describe("grad.W1", got: expected + 0.7 * w, expected: expected,
                                               related: ["param.W1": w], numbers: ["reg": 0.7])
                == "grad.W1 is off by exactly reg × param.W1 (yours minus the expected value).")
        // Ten steps' gradients, (10, 2, 3): the error is a multiple of their sum.
        let steps = Tensor.stack((0..<10).map { w * Double($0 % 3 + 1) })
        #expect(DifferenceDescription.describe("w", got: expected + 0.02 * steps.sum(axis: 0), expected: expected,
                                               related: ["dw": steps], numbers: ["learningRate": 0.01])
                == "w is off by exactly 2 · learningRate × dw summed over axis 0 (yours minus the expected value).")
        // An error that is not proportional to any input: nothing said.
        #expect(DifferenceDescription.describe("grad.W1", got: expected + w * w * 0.37, expected: expected,
                                               related: ["param.W1": w], numbers: ["reg": 0.7]) == nil)
    }

    @Test("a loss off by a simple multiple of reg · ΣW² is said to be, and an arbitrary offset is not")
    func regularizationTerm() {
        let w1 = Tensor([[1.0, 2.0], [0.0, -1.0]]), w2 = Tensor([3.0, 1.0])   // ΣW² = 6 + 10 = 16
        let related = ["param.W1": w1, "param.W2": w2, "param.b1": Tensor([5.0, 5.0])]
        #expect(DifferenceDescription.describe("loss", got: Tensor(2.3 + 0.5 * 0.7 * 16), expected: Tensor(2.3),
                                               related: related, numbers: ["reg": 0.7])
                == "loss is off by exactly 1/2 · reg · ΣW² (the sum of the squares of param.W1 and param.W2).")
        #expect(DifferenceDescription.describe("loss", got: Tensor(2.3 + 0.5 * 0.7 * 15.3), expected: Tensor(2.3),
                                               related: related, numbers: ["reg": 0.7]) == nil)
    }

    @Test("a factor equal to a number argument is named by it")
    func factorNamedByArgument() {
        #expect(DifferenceDescription.describe("std of W1", got: Tensor(0.05 * 0.05), expected: Tensor(0.05),
                                               numbers: ["weightScale": 0.05])
                == "std of W1 is exactly weightScale times the expected value.")
    }

    @Test("a product of two inputs, and the 0/1 mask of an input, are said as such")
    func productAndMask() {
        let x = Tensor([[2.0, -3.0, 1.0], [-0.5, 7.0, 2.0]]), dout = Tensor([[1.0, 2.0, -1.0], [3.0, 0.5, 4.0]])
        let want = dout * Tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
        #expect(DifferenceDescription.describe("dx", got: dout * x, expected: want, related: ["x": x, "dout": dout])
                == "dx equals dout ⊙ x, elementwise.")
        #expect(DifferenceDescription.describe("dx", got: Tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]), expected: want,
                                               related: ["x": x, "dout": dout])
                == "dx is the 0/1 mask of x > 0: 1 where x is positive, 0 elsewhere.")
    }

    @Test("zeros where the expected value is not, and one factor elsewhere, are said as a mask")
    func maskedAndScaled() {
        let got = Tensor([[2.0, 0.0, 6.0], [0.0, 1.0, 0.0]])   // 2 × expected where kept
        #expect(DifferenceDescription.describe("out", got: got, expected: expected)
                == "out is 0 at 3 of 6 positions where the expected value is not (the first at [0, 1]), and exactly 2 times the expected value everywhere else.")
        let uneven = Tensor([[2.0, 0.0, 9.0], [0.0, 1.0, 0.0]])
        #expect(DifferenceDescription.describe("out", got: uneven, expected: expected) == nil)
    }

    @Test("wrong values exactly where an input is 0 are said so, however many")
    func manyWrongAtZeros() {
        let x = Tensor([0.0, 0.0, 2.0, 0.0, -4.0, 0.0])
        let want = Tensor([0.0, 0.0, 1.0, 0.0, 0.0, 0.0]), got = Tensor([1.0, 1.0, 1.0, 1.0, 0.0, 1.0])
        #expect(DifferenceDescription.describe("dx", got: got, expected: want, related: ["x": x])
                == "4 of 6 values of dx differ, the first at [0]: exactly where x is 0.")
    }

    // MARK: - Normalization

    let x = Tensor([[1.0, 4.0, -2.0], [3.0, 0.5, 2.0], [-1.0, 2.0, 6.0], [2.5, -3.0, 1.0]])
    let gamma = Tensor([2.0, -0.5, 1.5]), beta = Tensor([0.1, 0.2, -0.3])

    /// γ · (x − mean) / root + β, the statistics taken by hand per column or per row.
    func normalized(perColumn: Bool, eps: Double, ddof: Int = 0, epsOutside: Bool = false) -> Tensor {
        let mean = perColumn ? x.mean(axis: 0, keepDims: true) : x.mean(axis: 1, keepDims: true)
        let count = Double(x.shape[perColumn ? 0 : 1])
        let squares = ((x - mean) * (x - mean)).sum(axis: perColumn ? 0 : 1, keepDims: true) / (count - Double(ddof))
        let root = epsOutside ? sqrt(squares) + eps : sqrt(squares + eps)
        return gamma * ((x - mean) / root) + beta
    }

    @Test("an input normalized over other axes, with the unbiased variance or eps outside the root, is said so")
    func normalizedOtherwise() {
        let related = ["x": x, "gamma": gamma, "beta": beta], numbers = ["eps": 1e-5]
        let want = normalized(perColumn: true, eps: 1e-5)
        #expect(DifferenceDescription.describe("out", got: normalized(perColumn: false, eps: 1e-5), expected: want,
                                               related: related, numbers: numbers)
                == "out is gamma · x̂ + beta with x normalized over axis 1; the expected value normalizes over axis 0.")
        #expect(DifferenceDescription.describe("out", got: normalized(perColumn: true, eps: 1e-5, ddof: 1), expected: want,
                                               related: related, numbers: numbers)
                == "out is gamma · x̂ + beta with x normalized over axis 0, with the unbiased variance (dividing by n − 1); the expected value normalizes over axis 0.")
        #expect(DifferenceDescription.describe("out", got: normalized(perColumn: true, eps: 1e-5, epsOutside: true), expected: want,
                                               related: related, numbers: numbers)
                == "out is gamma · x̂ + beta with x normalized over axis 0, with eps added to the standard deviation instead of the variance; the expected value normalizes over axis 0.")
        // Normalized right, but shifted by something else than beta: not a normalization of x.
        #expect(DifferenceDescription.describe("out", got: want + Tensor([[0.3, 0.0, 0.0], [0.0, 0.1, 0.0], [0.0, 0.0, 0.0], [0.2, 0.0, 0.7]]),
                                               expected: want, related: related, numbers: numbers) == nil)
    }

    @Test("a vector that is an input reshaped straight to (−1, k) and summed is said so; a true channel sum is not")
    func plainReshape() {
        // dout (N, C, H, W) = (2, 3, 2, 1): the channel sums and the plain-reshape column sums differ.
        let dout = Tensor(shape: [2, 3, 2, 1], scalars: (0..<12).map { Double($0 * $0 % 7) - 2.5 })
        let channelSums = dout.sum(axes: [0, 2, 3])
        let straight = dout.reshaped([4, 3]).sum(axis: 0)
        #expect(DifferenceDescription.describe("dbeta", got: straight, expected: channelSums, related: ["dout": dout])
                == "dbeta equals dout reshaped straight to (4, 3) and summed over axis 0; a plain reshape keeps dout's order, so those columns are not any axis of dout (2, 3, 2, 1).")
        #expect(DifferenceDescription.describe("dbeta", got: channelSums * 1.37 + Tensor([0.1, 0.0, 0.2]), expected: channelSums,
                                               related: ["dout": dout]) == nil)
    }

    @Test("with groups, the normalization over each group of channels is among the ways tried")
    func normalizedPerGroup() {
        // (N, C, H, W) = (2, 4, 2, 2), two groups of two channels: each group's 8 values
        // are contiguous; their statistics by hand.
        let values: [Double] = (0..<32).map { (i: Int) -> Double in Double((i * 7) % 11) - 4.0 + Double(i) / 10.0 }
        let x = Tensor(shape: [2, 4, 2, 2], scalars: values)
        let gamma = Tensor([2.0, -0.5, 1.5, 1.0]).reshaped([1, 4, 1, 1]), beta = Tensor([0.1, 0.2, -0.3, 0.0]).reshaped([1, 4, 1, 1])
        func perGroup(ddof: Int) -> Tensor {
            var out: [Double] = []
            for group in 0..<4 {
                let values = Array(x.scalars[(group * 8)..<(group * 8 + 8)])
                let mean: Double = values.reduce(0.0, +) / 8.0
                let squares: Double = values.reduce(0.0) { (sum: Double, v: Double) -> Double in sum + (v - mean) * (v - mean) }
                let root: Double = (squares / Double(8 - ddof) + 1e-5).squareRoot()
                out += values.map { (v: Double) -> Double in (v - mean) / root }
            }
            return gamma * Tensor(shape: x.shape, scalars: out) + beta
        }
        #expect(DifferenceDescription.describe("out", got: perGroup(ddof: 1), expected: perGroup(ddof: 0),
                                               related: ["x": x, "gamma": gamma, "beta": beta], numbers: ["eps": 1e-5, "groups": 2])
                == "out is gamma · x̂ + beta with x normalized over axes 2, 3 and 4 of x reshaped to (2, 2, 2, 2, 2), with the unbiased variance (dividing by n − 1); the expected value normalizes over axes 2, 3 and 4 of x reshaped to (2, 2, 2, 2, 2).")
    }

    @Test("a case right at the defaults and wrong at other hyper-parameters names those that changed, and only those")
    func otherHyperParameters() {
        let said = DifferenceDescription.onlyWithOtherHyperParameters(
            passed: ("rmsprop-trajectory", ["learningRate": 0.01, "decayRate": 0.99, "eps": 1e-8, "t": 0]),
            failed: ("rmsprop-other-hyperparameters", ["learningRate": 0.3, "decayRate": 0.5, "eps": 1e-8, "t": 0]))
        #expect(said == "Right with decayRate 0.99, learningRate 0.01 (case 'rmsprop-trajectory'), wrong with decayRate 0.5, "
                + "learningRate 0.3 (case 'rmsprop-other-hyperparameters'): the slip is in how one of decayRate, learningRate "
                + "is used — a constant where the argument belongs, or the value entering the formula at another place than the handout's.")
        let one = DifferenceDescription.onlyWithOtherHyperParameters(
            passed: ("forward", ["eps": 1e-5]), failed: ("forward-other-eps", ["eps": 0.01]))
        #expect(one?.contains("how eps is used") == true)
        // Cases with the same numbers differ in something else: nothing to say.
        #expect(DifferenceDescription.onlyWithOtherHyperParameters(
            passed: ("test-forward", ["eps": 1e-5]), failed: ("test-forward-small-variance", ["eps": 1e-5])) == nil)
    }

    @Test("an output of only zeros and ones is a mask: of a product of two inputs when it is one, else said plainly")
    func masks() {
        let x = Tensor([[1.0, -2.0, 3.0], [-4.0, 0.5, 6.0]]), dout = Tensor([[-1.0, -1.0, 2.0], [1.0, 3.0, -2.0]])
        // dout · x > 0 at [0, 1], [0, 2] and [1, 1], as `dout * x .> 0` parses.
        let mask = Tensor([[0.0, 1.0, 1.0], [0.0, 1.0, 0.0]])
        #expect(DifferenceDescription.describe("dx", got: mask, expected: dout * (x .> 0.0), related: ["x": x, "dout": dout])
                == "dx is the 0/1 mask of dout · x > 0: a comparison applied to a product, where a gradient belongs.")
        #expect(DifferenceDescription.describe("dx", got: Tensor([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]), expected: dout * (x .> 0.0),
                                               related: ["x": x, "dout": dout])
                == "dx holds only the values 0 and 1: a mask where a gradient (or a value) belongs.")
    }

    @Test("an error proportional to an input on one side of zero only is said so, with its factor")
    func oneSidedError() {
        let x = Tensor([[1.0, -2.0, 3.0], [-4.0, 0.5, 6.0]])
        let relu = Tensor([[1.0, 0.0, 3.0], [0.0, 0.5, 6.0]])
        let leaky = Tensor([[1.0, -0.02, 3.0], [-0.04, 0.5, 6.0]])
        #expect(DifferenceDescription.describe("out", got: leaky, expected: relu, related: ["x": x])
                == "out differs only where x < 0, and there by exactly 0.01 × x.")
    }
}
