import CTensorKitThreads

/// TensorKit's parallel jobs: a big product's or formula's parts on all the cores it may
/// use (`MatMulKernel.processors`), on helper threads that spin for a moment between
/// jobs instead of sleeping at once (`CTensorKitThreads`, Pool.c): a training step's
/// jobs come tens of microseconds apart, and waking a sleeping thread costs about that.
enum Parallel {
    /// Calls `body(part)` once for every part in `0..<parts`, on the calling thread and
    /// the helpers, whichever claims a part first (a helper another program keeps off
    /// its core leaves its share to the others), and returns when every call has
    /// returned. The parts may run at the same time: each must write only what is its own.
    static func run(parts: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var job = body
            withUnsafeMutablePointer(to: &job) { job in
                tensorkit_parallel(parts, MatMulKernel.processors - 1, { context, part in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(part)
                }, job)
            }
        }
    }
}
