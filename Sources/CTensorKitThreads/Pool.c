// TensorKit's helper threads: a job's parts on all cores, with a helper that waits for
// the next job by spinning for a short while before it sleeps.
//
// A training step runs a few dozen parallel jobs (matrix products, elementwise formulas)
// a few tens of microseconds apart. Dispatch's worker threads go to sleep as soon as a
// job ends, and waking one again costs tens of microseconds on a virtual machine, about
// what a product of a hidden layer takes; so TensorKit ran those products on one thread.
// These helpers spin for `spin_nanoseconds` after each job, so that the next job starts
// on them at once, and only then sleep on a condition variable. (OpenBLAS's threads do
// the same.) A spinning helper uses its core while it waits; it gives it back after the
// spin.
//
// Parts are claimed, not assigned: the caller and every helper that is awake take the
// next unclaimed part until none is left, so a helper that the system has not scheduled
// (another program is busy on its core) costs nothing but its share, which the caller
// then runs itself. A claim names its job, so a helper that wakes after its job ended
// cannot take a part of the next one with the old job's function.
//
// One job at a time: a call that finds the pool busy (another thread's job) runs all of
// its parts on its own thread, with the same results. After `fork`, the child starts
// without helpers (threads do not survive a fork) and starts its own on its first job.

#include "CTensorKitThreads.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#elif defined(__aarch64__)
#define CPU_RELAX() __asm__ volatile("yield")
#else
#define CPU_RELAX() ((void)0)
#endif

/// How long a helper waits for the next job before it sleeps: 200 µs.
static const long spin_nanoseconds = 200000;
/// The most helpers the pool starts.
enum { max_helpers = 63 };

static struct {
    /// Held by the thread whose job runs.
    pthread_mutex_t job_lock;
    /// Guards sleeping helpers and `wake`.
    pthread_mutex_t sleep_lock;
    pthread_cond_t wake;
    /// Bumped (release) after each job is published; helpers wait for it to change.
    _Atomic unsigned long generation;
    /// The next part to claim, with its job and the job's number of parts in one word
    /// (`claim_word`), so that a claim is checked and taken in one atomic step.
    _Atomic unsigned long next_claim;
    /// Parts of the current job that have finished.
    _Atomic long finished;
    /// The current job, written before `generation` is bumped.
    tensorkit_part run;
    void *context;
    /// Helpers started (by the process that owns them).
    long started;
    /// The generation when the last helper was started: the job it must wait for is the
    /// next one (it may start running after that job was published).
    unsigned long generation_at_start;
} pool = {
    .job_lock = PTHREAD_MUTEX_INITIALIZER,
    .sleep_lock = PTHREAD_MUTEX_INITIALIZER,
    .wake = PTHREAD_COND_INITIALIZER,
};

static long nanoseconds_since(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000000000L + (now.tv_nsec - start->tv_nsec);
}

/// Waits until `generation` differs from `seen`: spinning first, then asleep.
static unsigned long wait_for_job(unsigned long seen) {
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long spins = 0;; spins++) {
        unsigned long generation = atomic_load_explicit(&pool.generation, memory_order_acquire);
        if (generation != seen) return generation;
        CPU_RELAX();
        if ((spins & 63) == 63 && nanoseconds_since(&start) > spin_nanoseconds) break;
    }
    pthread_mutex_lock(&pool.sleep_lock);
    unsigned long generation;
    while ((generation = atomic_load_explicit(&pool.generation, memory_order_acquire)) == seen) {
        pthread_cond_wait(&pool.wake, &pool.sleep_lock);
    }
    pthread_mutex_unlock(&pool.sleep_lock);
    return generation;
}

/// A claim: the job's generation (its low 32 bits), its parts and the next part.
static unsigned long claim_word(unsigned long generation, long parts, long next) {
    return ((generation & 0xffffffffUL) << 32) | ((unsigned long)parts << 16) | (unsigned long)next;
}

/// Claims and runs parts of job `generation` until none is left; returns when this
/// thread can claim no more (other threads may still be running theirs). A part is
/// claimed only while its job has unclaimed parts, so the caller is still waiting and
/// `run` and `context` are still that job's.
static void run_parts(unsigned long generation) {
    unsigned long claim = atomic_load_explicit(&pool.next_claim, memory_order_acquire);
    for (;;) {
        long parts = (long)((claim >> 16) & 0xffff), next = (long)(claim & 0xffff);
        if ((claim >> 32) != (generation & 0xffffffffUL) || next >= parts) return;
        if (!atomic_compare_exchange_weak_explicit(&pool.next_claim, &claim, claim + 1,
                                                   memory_order_acq_rel, memory_order_acquire)) continue;
        pool.run(pool.context, next);
        atomic_fetch_add_explicit(&pool.finished, 1, memory_order_release);
        claim = atomic_load_explicit(&pool.next_claim, memory_order_acquire);
    }
}

static void *helper_main(void *argument) {
    (void)argument;
    unsigned long seen = pool.generation_at_start;  // written before pthread_create
    for (;;) {
        seen = wait_for_job(seen);
        run_parts(seen);
    }
    return NULL;
}

/// In a child after `fork`: no helpers (they stayed in the parent), locks released.
static void forget_helpers(void) {
    pthread_mutex_init(&pool.job_lock, NULL);
    pthread_mutex_init(&pool.sleep_lock, NULL);
    pthread_cond_init(&pool.wake, NULL);
    pool.started = 0;
}

static void start_helpers(long helpers) {
    static bool registered = false;
    if (!registered) {
        pthread_atfork(NULL, NULL, forget_helpers);
        registered = true;
    }
    if (helpers > max_helpers) helpers = max_helpers;
    pool.generation_at_start = atomic_load_explicit(&pool.generation, memory_order_relaxed);
    while (pool.started < helpers) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        int failed = pthread_create(&thread, &attributes, helper_main, NULL);
        pthread_attr_destroy(&attributes);
        if (failed) break;  // fewer helpers: their parts run on the calling thread
        pool.started++;
    }
}

void tensorkit_parallel(long parts, long helpers, tensorkit_part run, void *context) {
    if (parts <= 1 || parts > 0xffff || pthread_mutex_trylock(&pool.job_lock) != 0) {
        for (long part = 0; part < parts; part++) run(context, part);
        return;
    }
    start_helpers(helpers);
    unsigned long generation = atomic_load_explicit(&pool.generation, memory_order_relaxed) + 1;
    pool.run = run;
    pool.context = context;
    atomic_store_explicit(&pool.finished, 0, memory_order_relaxed);
    atomic_store_explicit(&pool.next_claim, claim_word(generation, parts, 0), memory_order_release);
    atomic_store_explicit(&pool.generation, generation, memory_order_release);
    pthread_mutex_lock(&pool.sleep_lock);
    pthread_cond_broadcast(&pool.wake);
    pthread_mutex_unlock(&pool.sleep_lock);

    run_parts(generation);
    while (atomic_load_explicit(&pool.finished, memory_order_acquire) < parts) CPU_RELAX();
    pthread_mutex_unlock(&pool.job_lock);
}
