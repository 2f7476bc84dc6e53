#ifndef CTENSORKITTHREADS_H
#define CTENSORKITTHREADS_H

/// One part of a parallel job, `part` in 0 ..< parts.
typedef void (*tensorkit_part)(void *context, long part);

/// Runs `run(context, part)` once for every part in 0 ..< `parts`, on the calling
/// thread and the helper threads, whichever claims the part first, and returns when all
/// have returned. See Pool.c.
///
/// - Parameters:
///   - parts: the parts (more than 65,535 run one after another on the calling thread).
///   - helpers: the helper threads to keep (started on the first call; the cores to use
///     minus one).
void tensorkit_parallel(long parts, long helpers, tensorkit_part run, void *context);

#endif
