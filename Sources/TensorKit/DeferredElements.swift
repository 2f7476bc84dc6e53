import Foundation

/// Elements of a tensor that are computed the first time something reads them, and
/// then kept: a big matrix product (`DeferredProduct`) or elementwise arithmetic on big
/// tensors (`DeferredArithmetic`), which subclass this and say how to compute them.
///
/// Copies of a tensor share the object, so the elements are computed once, whichever
/// copy reads them first; a lock makes that first read safe across threads. Once they
/// are computed, the subclass lets go of what it computed them from.
class DeferredElements: @unchecked Sendable {
    // @unchecked: `elements`, and a subclass's operands, are only touched under `lock`.
    private let lock = NSLock()
    private var elements: [Double]?

    /// Whether the elements have been computed.
    final var isComputed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return elements != nil
    }

    /// The elements in row-major order, computed on the first call.
    final func rowMajor() -> [Double] {
        lock.lock()
        defer { lock.unlock() }
        if let elements { return elements }
        let computed = compute()
        elements = computed
        releaseOperands()
        return computed
    }

    /// Under the lock: `computed` with the elements if they have been computed, else
    /// `pending`, which may read and consume the subclass's operands.
    final func withLock<Result>(computed: ([Double]) -> Result, pending: () -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        if let elements { return computed(elements) }
        return pending()
    }

    /// Computes the elements, in row-major order; called once, under the lock.
    func compute() -> [Double] {
        preconditionFailure("\(type(of: self)) must say how to compute its elements")
    }

    /// Lets go of the operands once the elements are computed (kept, each result would
    /// keep what it was computed from alive, and that what it came from: a training
    /// loop would keep every step's weights); called under the lock.
    func releaseOperands() {}
}
