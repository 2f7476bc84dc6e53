#ifndef CTENSORKITCPU_H
#define CTENSORKITCPU_H

/// Whether this CPU and this operating system can run code compiled for AVX-512
/// (`-target-cpu skylake-avx512`: AVX-512 F, CD, BW, DQ and VL, with AVX2 and FMA):
/// 1 if so, 0 if not, and always 0 on a CPU other than x86-64. See CPUFeatures.c.
int tensorkit_cpu_runs_avx512(void);

#endif
