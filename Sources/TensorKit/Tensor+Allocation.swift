// Results are built in memory that is not zeroed first: zero-filling a buffer that is
// about to be overwritten costs a pass over memory (and, for a fresh allocation, the
// page faults happen in that pass instead of the useful one).

extension Tensor {
    /// A tensor of `shape` whose elements `initialize` writes, every one of them, into
    /// uninitialized memory.
    /// - Parameters:
    ///   - shape: the result's shape; its element count is the buffer's.
    ///   - initialize: must write every element of the buffer it is given.
    @inline(__always)
    static func filling(
        _ shape: [Int], _ initialize: (UnsafeMutableBufferPointer<Double>) -> Void
    ) -> Tensor {
        let count = shape.reduce(1, *)
        let scalars = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialize(buffer)
            initialized = count
        }
        return Tensor(unchecked: shape, scalars)
    }
}
