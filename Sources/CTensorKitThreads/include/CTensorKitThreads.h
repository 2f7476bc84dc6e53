#ifndef CTENSORKITTHREADS_H
#define CTENSORKITTHREADS_H

/// One part of a parallel job: `part` is 0 on the calling thread, 1 … parts − 1 on
/// helper threads.
typedef void (*tensorkit_part)(void *context, long part);

/// Runs `run(context, part)` for every part in 0 ..< `parts`, part 0 on the calling
/// thread and each other part on a helper thread of its own, and returns when all have
/// returned. See Pool.c.
///
/// - Parameters:
///   - parts: at most `helpers` + 1; more are run on the calling thread after part 0.
///   - helpers: the helper threads to keep (started on the first call; the cores to use
///     minus one).
void tensorkit_parallel(long parts, long helpers, tensorkit_part run, void *context);

#endif
