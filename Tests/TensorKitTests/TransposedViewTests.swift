import Dispatch
import Testing
import TensorKit

@Suite("A transposed matrix is a view that behaves as a copy")
struct TransposedViewTests {
    let m = Tensor([[1, 2, 3], [4, 5, 6]])

    @Test("its shape, count, elements, subscript and equality are the transpose's")
    func readsAsTheTranspose() {
        let t = m.transposed()
        #expect(t.shape == [3, 2] && t.rank == 2 && t.count == 6)
        #expect(t.scalars == [1, 4, 2, 5, 3, 6])
        #expect(t[0, 1] == 4 && t[2, 0] == 3 && t[-1, -1] == 6)
        #expect(t == Tensor([[1, 4], [2, 5], [3, 6]]))
        #expect(Tensor([[1, 4], [2, 5], [3, 6]]) == t)
        #expect(t != m)
        #expect(t.hashValue == Tensor([[1, 4], [2, 5], [3, 6]]).hashValue)
        #expect(Set([t, transposeByHand(m)]).count == 1)
        #expect(t.description == Tensor([[1, 4], [2, 5], [3, 6]]).description)
    }

    @Test("transposing it again gives the matrix back")
    func transposedTwice() {
        #expect(m.transposed().transposed() == m)
        #expect(m.transposed().transposed().scalars == m.scalars)
        #expect(m.transposed().permuted([1, 0]) == m)
        #expect(m.transposed().transposed(1, 0) == m)
        #expect(m.transposed().permuted([0, 1]) == transposeByHand(m))
    }

    @Test("operations on it see the transpose's elements")
    func operationsReadTheTranspose() {
        let t = m.transposed(), expected = transposeByHand(m)
        #expect(t + 1 == expected + 1)
        #expect(t * t == expected * expected)
        #expect(t - Tensor([10, 20]) == expected - Tensor([10, 20]))
        #expect(t.sum(axis: 0) == Tensor([6, 15]))
        #expect(t.sum(axis: 1) == Tensor([5, 7, 9]))
        #expect(t.reshaped(-1) == Tensor([1, 4, 2, 5, 3, 6]))
        #expect(t.flattened().scalars == [1, 4, 2, 5, 3, 6])
        #expect(t[rows: 1..<3] == Tensor([[2, 5], [3, 6]]))
        #expect(t.rows([2, 0]) == Tensor([[3, 6], [1, 4]]))
        #expect(t.gather(columns: [1, 0, 1]) == Tensor([4, 2, 6]))
        #expect(t.argmax(axis: 0) == Tensor([2, 2]))
        #expect(Tensor.concatenate([t, t], axis: 1) == Tensor.concatenate([expected, expected], axis: 1))
    }

    @Test("changing it changes neither the matrix it came from nor its other copies")
    func valueSemantics() {
        let t = m.transposed()
        var a = t, b = t
        a[0, 1] = 40
        b.setScalar(-1, at: 5)
        #expect(a == Tensor([[1, 40], [2, 5], [3, 6]]))
        #expect(b == Tensor([[1, 4], [2, 5], [3, -1]]))
        #expect(t == Tensor([[1, 4], [2, 5], [3, 6]]))
        #expect(m == Tensor([[1, 2, 3], [4, 5, 6]]))
        var c = t
        c += 1
        #expect(c == Tensor([[2, 5], [3, 6], [4, 7]]) && t.scalars == [1, 4, 2, 5, 3, 6])
    }

    @Test("a matrix with one row or column, or none, transposes to its reshape",
          arguments: [[1, 5], [5, 1], [0, 3], [3, 0], [1, 1]])
    func thinMatrices(shape: [Int]) {
        let v = Tensor.arange(shape[0] * shape[1]).reshaped(shape)
        let t = v.transposed()
        #expect(t.shape == [shape[1], shape[0]])
        #expect(t.scalars == v.scalars)
        #expect(t.transposed() == v)
    }

    @Test("threads reading one view's elements at once all get them")
    func concurrentReads() {
        var generator = SeededGenerator(seed: 3)
        let big = Tensor.randomNormal([70, 90], using: &generator)
        let expected = transposeByHand(big).scalars
        let t = big.transposed()
        let reads = 8
        let matches = UnsafeMutableBufferPointer<Bool>.allocate(capacity: reads)
        defer { matches.deallocate() }
        let results = SharedFlags(matches)
        DispatchQueue.concurrentPerform(iterations: reads) { i in
            results.set(i, t.scalars == expected)
        }
        #expect(matches.allSatisfy { $0 })
    }
}

/// One flag per thread of `concurrentReads`, each written by its own thread only.
private struct SharedFlags: @unchecked Sendable {
    let flags: UnsafeMutableBufferPointer<Bool>
    init(_ flags: UnsafeMutableBufferPointer<Bool>) { self.flags = flags }
    func set(_ i: Int, _ value: Bool) { flags[i] = value }
}
