import Testing
import TensorKit

@Suite("Changing shape and rearranging")
struct ShapeTests {
    let x = Tensor.arange(24).reshaped(2, 3, 4)

    @Test func reshape() {
        #expect(Tensor.arange(6).reshaped(2, 3) == Tensor([[0, 1, 2], [3, 4, 5]]))
        #expect(x.reshaped(4, -1).shape == [4, 6])
        #expect(x.reshaped([-1]).shape == [24])
        #expect(x.reshaped(-1, 2, 3).shape == [4, 2, 3])
        #expect(Tensor([7]).reshaped([]).shape == [])
        #expect(Tensor.zeros(0, 3).reshaped(-1, 3).shape == [0, 3])
        #expect(x.flattened().shape == [24] && x.flattened().scalars == x.scalars)
        #expect(x.flattenedBatch().shape == [2, 12])
        #expect(Tensor.zeros(5, 2, 2, 3).flattenedBatch().shape == [5, 12])
    }

    @Test func transposeAndPermute() {
        let m = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(m.transposed() == Tensor([[1, 4], [2, 5], [3, 6]]))
        #expect(Tensor([1, 2]).transposed() == Tensor([1, 2]))
        let p = x.permuted([2, 0, 1])  // p[k, i, j] = x[i, j, k]
        #expect(p.shape == [4, 2, 3])
        #expect(p[3, 1, 2] == x[1, 2, 3] && p[1, 0, 2] == x[0, 2, 1])
        #expect(x.transposed(0, 2, 1)[1, 3, 2] == x[1, 2, 3])
        #expect(x.permuted([-1, 0, 1]) == p)
        #expect(x.transposed().shape == [4, 3, 2] && x.transposed()[3, 2, 1] == 23)
        // An NCHW batch to NHWC and back.
        let nchw = Tensor.arange(2 * 3 * 2 * 2).reshaped(2, 3, 2, 2)
        #expect(nchw.transposed(0, 2, 3, 1).transposed(0, 3, 1, 2) == nchw)
    }

    @Test("a matrix transposed in tiles: every element, at sizes that end mid-tile",
          arguments: [(1, 1), (33, 70), (64, 32), (200, 3), (0, 5)])
    func transposeInTiles(rows: Int, columns: Int) {
        let m = Tensor.arange(rows * columns).reshaped(rows, columns)
        let t = m.transposed()
        #expect(t.shape == [columns, rows])
        // `scalars` are the row-major elements the view builds (in tiles); the subscript
        // reads the matrix it views.
        let elements = t.scalars
        for i in 0..<rows {
            for j in 0..<columns where t[j, i] != Double(i * columns + j) || elements[j * rows + i] != t[j, i] {
                Issue.record("transposed()[\(j), \(i)] is \(t[j, i]), in scalars \(elements[j * rows + i]), expected \(i * columns + j)")
                return
            }
        }
        #expect(t.transposed() == m)
    }

    @Test func expandConcatenateStack() {
        #expect(Tensor([1, 2]).expandingDims(at: 0).shape == [1, 2])
        #expect(Tensor([1, 2]).expandingDims(at: -1).shape == [2, 1])
        let a = Tensor([[1, 2], [3, 4]]), b = Tensor([[5, 6]])
        #expect(Tensor.concatenate([a, b]) == Tensor([[1, 2], [3, 4], [5, 6]]))
        #expect(Tensor.concatenate([a, Tensor([[7], [8]])], axis: 1) == Tensor([[1, 2, 7], [3, 4, 8]]))
        #expect(Tensor.concatenate([a, a], axis: -1).shape == [2, 4])
        #expect(Tensor.stack([Tensor([1, 2]), Tensor([3, 4])]) == Tensor([[1, 2], [3, 4]]))
        #expect(Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], axis: 1) == Tensor([[1, 3], [2, 4]]))
        #expect(Tensor.stack([Tensor(1), Tensor(2)]) == Tensor([1, 2]))
    }

    @Test func rowsAndGather() {
        let m = Tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        #expect(m[rows: 1..<3] == Tensor([[4, 5, 6], [7, 8, 9]]))
        #expect(m[rows: 0..<0].shape == [0, 3])
        #expect(m.rows([2, 0, 2]) == Tensor([[7, 8, 9], [1, 2, 3], [7, 8, 9]]))
        // x[np.arange(3), [2, 0, 1]]
        #expect(m.gather(columns: [2, 0, 1]) == Tensor([3, 4, 8]))
        #expect(Tensor.zeros(3, 3).scatterAdding(Tensor([1, 2, 3]), columns: [2, 0, 2])
                == Tensor([[0, 0, 1], [2, 0, 0], [0, 0, 3]]))
        #expect(m.scatterAdding(Tensor([10, 10, 10]), columns: [0, 0, 0])[2, 0] == 17)
    }

    @Test func pad() {
        let m = Tensor([[1, 2], [3, 4]])
        #expect(m.padded([(1, 0), (0, 2)]) == Tensor([[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 0, 0]]))
        #expect(Tensor([1, 2]).padded([(2, 1)], value: -1) == Tensor([-1, -1, 1, 2, -1]))
        // The spatial padding of a convolution: only the last two axes of NCHW.
        let image = Tensor.ones(1, 2, 2, 2)
        let padded = image.padded([(0, 0), (0, 0), (1, 1), (1, 1)])
        #expect(padded.shape == [1, 2, 4, 4])
        #expect(padded.sum() == Tensor(8))
        #expect(padded[0, 1, 1, 1] == 1 && padded[0, 1, 0, 1] == 0 && padded[0, 1, 2, 3] == 0)
        #expect(Tensor.zeros(0, 2).padded([(1, 1), (0, 0)]) == Tensor.zeros(2, 2))
    }
}
