#if canImport(Glibc)
import Glibc
#endif

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
        if count >= bigTensorCount { _ = reuseFreedMemory }
        let scalars = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialize(buffer)
            initialized = count
        }
        return Tensor(unchecked: shape, scalars)
    }
}

/// The element count from which a result's buffer is big enough for glibc to map it
/// from the system by default (its initial `M_MMAP_THRESHOLD`, 128 KiB): the first such
/// result sets ``reuseFreedMemory``.
private let bigTensorCount = 16_384  // 128 KiB of `Double`

/// Asks glibc's `malloc` to keep freed memory for reuse; done once, when the process
/// builds its first big result (``bigTensorCount`` elements).
///
/// By default glibc maps a big block (from 128 KiB, a threshold it raises as such blocks
/// are freed) straight from the system and unmaps it when it is freed, and gives the
/// free top of its heap back once more than twice that is free. A training step
/// allocates and frees the same few sizes over and over (a 3072×100 weight is 2.4 MB),
/// so each new result page-faulted on every 4 KiB page it wrote. Blocks up to 32 MiB
/// now come from the heap, which is trimmed only past 64 MiB free: a step of the
/// course's net page-faults about 400 times without this and not at all with it, and
/// spends 1.5 ms less in the kernel, at the same memory peak (docs/performance.md).
/// Other platforms' allocators keep freed memory by themselves.
///
/// It changes how the whole process allocates, so it waits for a tensor it is for: a
/// process that never builds one (the judge, a worker answering the course's small
/// fixtures) keeps glibc's defaults. A run of the grader measured the same either way.
///
/// `mallopt` is declared in `malloc.h`, which the Glibc module does not import, so it is
/// looked up by name (`RTLD_DEFAULT` is the null handle); the options are its
/// `M_TRIM_THRESHOLD` (−1) and `M_MMAP_THRESHOLD` (−3).
private let reuseFreedMemory: Void = {
    #if canImport(Glibc)
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(nil, "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    _ = mallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD
    _ = mallopt(-1, 64 << 20)  // M_TRIM_THRESHOLD
    #endif
}()
