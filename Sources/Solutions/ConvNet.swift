import Curriculum
import TensorKit

// AUTHOR-TODO: THIS IS A PLACEHOLDER, NOT THE REFERENCE.
// `grader new-exercise` wrote an identity layer (out = x, dx = dout) so that the package
// compiles at once. Fixtures made from it expect the identity: with them, the grader
// would pass a student who returns the input unchanged, and fail every correct one.
// Write the real reference, delete these lines, and run `swift run grader fixtures`.
// `grader fixtures` warns and `grader release` refuses while these lines are here.

/// The reference `convnet`: Convolutional network.
public struct ConvNet: ConvNetLayer {
    public init() {}

    public func forward(_ x: Tensor) -> (out: Tensor, cache: Void) {
        (x, ())
    }

    public func backward(_ dout: Tensor, cache: Void) -> Tensor {
        dout
    }
}
