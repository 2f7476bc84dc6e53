import Testing
import TensorKit
@Test func smoke() { #expect((Tensor([1.0, 2]) + 1).scalars == [2, 3]) }
