import Testing
import TensorKit

@Suite("matmul")
struct MatMulTests {
    @Test("a small product computed by hand")
    func handComputed() {
        let a = Tensor([[1, 2, 3], [4, 5, 6]])
        let b = Tensor([[7, 8], [9, 10], [11, 12]])
        // Row 0: 1·7 + 2·9 + 3·11 = 58, 1·8 + 2·10 + 3·12 = 64.
        // Row 1: 4·7 + 5·9 + 6·11 = 139, 4·8 + 5·10 + 6·12 = 154.
        #expect(a.matmul(b) == Tensor([[58, 64], [139, 154]]))
    }

    @Test("1×1 times 1×1 is the product of the two numbers")
    func oneByOne() {
        #expect(Tensor([[3]]).matmul(Tensor([[-2.5]])) == Tensor([[-7.5]]))
    }

    @Test("shapes of every kind match the triple loop", arguments: [
        (3, 7, 5),        // the small case
        (1, 1000, 1),     // row times column: an inner product
        (37, 1, 41),      // column times row: an outer product
        (1, 300, 77),     // one row
        (77, 300, 1),     // one column
        (2, 2, 2),
    ])
    func shapes(m: Int, k: Int, n: Int) {
        let (a, b) = randomOperands(m, k, n)
        NaiveProduct(a, b).expectMatches(a.matmul(b))
    }

    /// The kernel computes 6×8 tiles of C, and cuts k into slices of 256, A into
    /// blocks of 120 rows and B into blocks of 2048 columns: sizes one below, at and
    /// one above each of these edges.
    @Test("sizes around the kernel's block edges match the triple loop", arguments: [
        (5, 9, 7), (6, 9, 8), (7, 9, 9), (11, 3, 15), (12, 3, 16), (13, 3, 17),
        (13, 255, 17), (13, 256, 17), (13, 257, 17), (7, 513, 9),
        (119, 20, 9), (120, 20, 9), (121, 20, 9), (241, 20, 9),
        (3, 2, 2047), (3, 2, 2048), (3, 2, 2049), (5, 3, 4097),
    ])
    func blockEdges(m: Int, k: Int, n: Int) {
        let (a, b) = randomOperands(m, k, n)
        NaiveProduct(a, b).expectMatches(a.matmul(b))
    }

    /// Big enough to run on several threads; 127 rows split unevenly among them.
    @Test("products split among threads match the triple loop", arguments: [
        (127, 300, 101), (200, 3072, 100),
    ])
    func threaded(m: Int, k: Int, n: Int) {
        let (a, b) = randomOperands(m, k, n)
        NaiveProduct(a, b).expectMatches(a.matmul(b))
    }

    @Test("an empty inner dimension gives zeros")
    func emptyInnerDimension() {
        let product = Tensor.zeros([3, 0]).matmul(Tensor.zeros([0, 4]))
        #expect(product == Tensor.zeros([3, 4]))
    }

    @Test("an empty outer dimension gives an empty product")
    func emptyOuterDimension() {
        #expect(Tensor.zeros([0, 5]).matmul(Tensor.ones([5, 3])).shape == [0, 3])
        #expect(Tensor.ones([4, 5]).matmul(Tensor.zeros([5, 0])).shape == [4, 0])
    }

    @Test("transposed operands are read in place", arguments: [
        (false, true), (true, false), (true, true),
    ])
    func transposedOperands(transposingSelf: Bool, transposingOther: Bool) {
        // Stored shapes such that the transposed product is (9, 13)·(13, 11), and a
        // threaded one (200, 300)·(300, 100) as in an affine backward pass.
        for (m, k, n) in [(9, 13, 11), (200, 300, 100)] {
            var generator = SeededGenerator(seed: 2)
            let a = Tensor.randomNormal(transposingSelf ? [k, m] : [m, k], using: &generator)
            let b = Tensor.randomNormal(transposingOther ? [n, k] : [k, n], using: &generator)
            let product = a.matmul(b, transposingSelf: transposingSelf, transposingOther: transposingOther)
            NaiveProduct(a, b, transposingA: transposingSelf, transposingB: transposingOther)
                .expectMatches(product)
        }
    }

    /// Each operand is either a stored matrix or a transposed view of one, and either
    /// flag may transpose it once more; the triple loop gets the operands transposed by
    /// hand. Shapes: the kernel's block edges, a row or column (whose transpose is a
    /// reshape, not a view), empty ones, and a threaded affine backward pass.
    @Test("transposed views are read in place and match the triple loop", arguments: [
        (9, 13, 11), (1, 37, 5), (5, 37, 1), (7, 1, 9), (13, 257, 17), (0, 4, 3), (3, 0, 4),
        (3, 4, 0), (121, 20, 9), (200, 300, 100),
    ])
    func transposedViews(m: Int, k: Int, n: Int) {
        for (leftView, rightView, transposingSelf, transposingOther) in [
            (true, false, false, false), (false, true, false, false), (true, true, false, false),
            (true, false, true, false), (false, true, false, true), (true, true, true, true),
        ] {
            let layout = OperandLayout(leftView: leftView, rightView: rightView,
                                       transposingSelf: transposingSelf, transposingOther: transposingOther)
            let operands = OperandPair(m: m, k: k, n: n, layout: layout)
            NaiveProduct(operands.leftSeen, operands.rightSeen).expectMatches(operands.product(), context: "\(layout): ")
        }
    }

    @Test("a transposed operand gives the same result as transposing first")
    func transposedMatchesCopy() {
        let (x, dout) = (Tensor([[1, 2, 3], [4, 5, 6]]), Tensor([[1, -1], [2, 0.5]]))
        #expect(x.matmul(dout, transposingSelf: true) == x.transposed().matmul(dout))
        #expect(dout.matmul(x.transposed(), transposingOther: true) == dout.matmul(x))
    }
}

@Suite("dot")
struct DotTests {
    @Test("two vectors give their inner product as a 0-d tensor")
    func vectorVector() {
        let product = Tensor([1, 2, 3]).dot(Tensor([4, -5, 6]))
        #expect(product.shape == [])
        #expect(product.scalar == 12)  // 4 - 10 + 18
    }

    @Test("a vector on the left acts as a row")
    func vectorMatrix() {
        // [1, 2] · [[1, 2, 3], [4, 5, 6]] = [1 + 8, 2 + 10, 3 + 12]
        #expect(Tensor([1, 2]).dot(Tensor([[1, 2, 3], [4, 5, 6]])) == Tensor([9, 12, 15]))
    }

    @Test("a vector on the right acts as a column")
    func matrixVector() {
        // [[1, 2, 3], [4, 5, 6]] · [1, 0, -1] = [1 - 3, 4 - 6]
        #expect(Tensor([[1, 2, 3], [4, 5, 6]]).dot(Tensor([1, 0, -1])) == Tensor([-2, -2]))
    }

    @Test("two matrices give their matrix product")
    func matrixMatrix() {
        let (a, b) = randomOperands(4, 5, 3)
        #expect(a.dot(b) == a.matmul(b))
    }
}
