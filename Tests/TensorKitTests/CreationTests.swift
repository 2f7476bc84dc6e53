import Testing
import TensorKit

@Suite("Creating tensors")
struct CreationTests {
    @Test func fromNestedArraysAndLiterals() {
        let m = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(m.shape == [2, 3] && m.scalars == [1, 2, 3, 4, 5, 6])
        let literal: Tensor = [[1, 2, 3], [4, 5, 6]]
        #expect(literal == m)
        let cube = Tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
        #expect(cube.shape == [2, 2, 2] && cube[1, 0, 1] == 6)
        let four = Tensor([[[[1], [2]]], [[[3], [4]]]])
        #expect(four.shape == [2, 1, 2, 1] && four.scalars == [1, 2, 3, 4])
        let scalar: Tensor = 2.5
        #expect(scalar.shape == [] && scalar.scalar == 2.5)
        let whole: Tensor = 3
        #expect(whole.scalar == 3)
        #expect(Tensor([1.0, 2]).shape == [2])
    }

    @Test func filledTensors() {
        #expect(Tensor.zeros(2, 3) == Tensor(shape: [2, 3], scalars: [0, 0, 0, 0, 0, 0]))
        #expect(Tensor.ones([2]).scalars == [1, 1])
        #expect(Tensor.full([2, 2], 7) == Tensor([[7, 7], [7, 7]]))
        #expect(Tensor.zeros(like: Tensor.ones(3, 1)).shape == [3, 1])
        #expect(Tensor.zeros([]).shape == [] && Tensor.zeros([]).count == 1)
        #expect(Tensor.eye(3) == Tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
    }

    @Test func linspaceIncludesBothEnds() {
        #expect(Tensor.linspace(0, 1, count: 5).scalars == [0, 0.25, 0.5, 0.75, 1])
        #expect(Tensor.linspace(2, 3, count: 1).scalars == [2])
        #expect(Tensor.linspace(0, 1, count: 0).shape == [0])
        // numpy.linspace(0, 1, 7)[5] is 5 * (1/6) = 0.8333333333333333 (its last bit).
        #expect(Tensor.linspace(0, 1, count: 7).scalars[5] == 0.8333333333333333)
    }

    @Test func arangeExcludesTheEnd() {
        #expect(Tensor.arange(4).scalars == [0, 1, 2, 3])
        #expect(Tensor.arange(1, 2, step: 0.25).scalars == [1, 1.25, 1.5, 1.75])
        #expect(Tensor.arange(5, 0, step: -2).scalars == [5, 3, 1])
        #expect(Tensor.arange(3, 1).shape == [0])
        // numpy.arange(0.1, 1, 0.1): ceil(0.9 / 0.1) = 9 elements, each 0.1 + i · 0.1,
        // the third being 0.30000000000000004.
        let tenths = Tensor.arange(0.1, 1, step: 0.1)
        #expect(tenths.count == 9)
        #expect(tenths.scalars[2] == 0.30000000000000004)
    }

    @Test func elementAccess() {
        var m = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(m[1, 2] == 6 && m[-1, -3] == 4)
        m[0, 1] = 20
        m.setScalar(30, at: 2)
        #expect(m.scalars == [1, 20, 30, 4, 5, 6])
        #expect(m.rank == 2 && m.count == 6)
        #expect(m.flatIndex([1, 1]) == 4 && m.multiIndex(ofFlatIndex: 4) == [1, 1])
    }
}
