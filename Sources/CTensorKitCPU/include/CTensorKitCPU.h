#ifndef CTENSORKITCPU_H
#define CTENSORKITCPU_H

/// Whether this CPU and this operating system can run code compiled for AVX-512
/// (`-target-cpu skylake-avx512`: AVX-512 F, CD, BW, DQ and VL, with AVX2 and FMA):
/// 1 if so, 0 if not, and always 0 on a CPU other than x86-64. See CPUFeatures.c.
int tensorkit_cpu_runs_avx512(void);

/// The square root of `x`, correctly rounded, NaN for a negative `x`: what
/// `Double.squareRoot()` gives, but without the C library's `errno` for negative
/// numbers, which keeps Swift's `squareRoot()` a call the compiler cannot vectorize.
/// As an inline function it is compiled with the Swift code that calls it, so a loop
/// of them becomes the CPU's vector square-root instruction.
static inline double tensorkit_square_root(double x) {
#if __has_builtin(__builtin_elementwise_sqrt)
    return __builtin_elementwise_sqrt(x);
#else
    return __builtin_sqrt(x);
#endif
}

#endif
