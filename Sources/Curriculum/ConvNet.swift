import TensorKit

/// Exercise `convnet`: Convolutional network.
///
/// AUTHOR-TODO: say what the layer computes (`out = f(x)`, element by element?) and where it
/// is used. This protocol is the contract between the student's stub (`Exercises.ConvNet`),
/// the reference (`Solutions.ConvNet`) and the worker (`ExerciseHandlers.convNet`):
/// change a signature here first, then in those three.
public protocol ConvNetLayer: Sendable {
    /// Whatever the forward pass keeps for the backward pass.
    associatedtype Cache
    init()

    /// - Parameter x: inputs of any shape.
    /// - Returns: `out` in `x`'s shape and the cache.
    func forward(_ x: Tensor) -> (out: Tensor, cache: Cache)

    /// - Parameters:
    ///   - dout: the upstream gradient, in `x`'s shape.
    ///   - cache: what ``forward(_:)`` returned.
    /// - Returns: `dx` in `x`'s shape.
    func backward(_ dout: Tensor, cache: Cache) -> Tensor
}
