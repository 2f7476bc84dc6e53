import Foundation

/// The elements of a big matrix product, computed the first time something reads them
/// and then kept (see ``Tensor/matmul(_:transposingSelf:transposingOther:)``).
///
/// A network's backward pass computes every layer's input gradient, and the first
/// layer's is thrown away: nothing consumes the gradient with respect to the data.
/// For the course's first layer, (200×100)·(100×3072), that product is a third of the
/// step's multiply-adds. A deferred product that is never read is never computed, as
/// in frameworks that skip the gradients nobody asked for; everything that reads it
/// gets the same elements, bit for bit, as the product computed at once.
///
/// What stays eager: every shape check (a mismatch stops the program at the `matmul`
/// that caused it), and small products, where the bookkeeping would cost more than it
/// could save. The operands are kept until the product is read or dropped.
final class DeferredProduct: DeferredElements, @unchecked Sendable {
    // @unchecked: `operands` is only touched under the lock (`compute`, `releaseOperands`).
    private var operands: Operands?

    /// What `matmul` was asked for: `left · right`, either read transposed.
    struct Operands {
        var left: Tensor
        var right: Tensor
        var transposingLeft: Bool
        var transposingRight: Bool
        var kernel: MatMulKernel.Choice
    }

    /// The fewest multiply-adds a product needs to be deferred: about 100³. Below, the
    /// box and its lock would be a noticeable share of the product's time.
    static let work = 1 << 20

    init(_ operands: Operands) {
        self.operands = operands
    }

    override func compute() -> [Double] { Tensor.productNow(operands!) }

    override func releaseOperands() { operands = nil }
}
