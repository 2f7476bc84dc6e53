// Whether TensorKit may run its AVX-512 micro-kernel (Sources/TensorKitAVX512).
//
// Two questions, both asked of the hardware with CPUID and XGETBV, with no library:
//
// 1. Does the CPU have the instructions? The kernel's module is compiled with
//    `-target-cpu skylake-avx512`, so the compiler may use any of AVX-512 F, CD, BW, DQ
//    and VL, AVX2, FMA, BMI1 and BMI2: all of them are checked, not only AVX-512F.
// 2. Does the operating system save the registers? A CPU may have AVX-512 while the
//    kernel does not save and restore the opmask and the upper halves of the 32 zmm
//    registers on a context switch (an old kernel, a hypervisor that hides them,
//    `noxsave`); then the instructions fault or lose state. The OS says which state it
//    saves in XCR0, which XGETBV reads once CPUID reports OSXSAVE.
//
// Compiler-rt's `__builtin_cpu_supports("avx512f")` asks the same (it checks XCR0 too),
// but it needs the compiler's runtime library linked and answers for AVX-512F alone.
//
// macOS enables the AVX-512 state lazily, on a process's first AVX-512 instruction, so
// there XCR0 reads as "not saved" until then and TensorKit keeps its AVX2 kernel: slower
// on the few Intel Macs with AVX-512, never wrong.

#include "CTensorKitCPU.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <stdint.h>

/// XCR0, the state components the operating system saves (requires OSXSAVE).
static uint64_t read_xcr0(void) {
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

int tensorkit_cpu_runs_avx512(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((ecx & (fma | osxsave | avx)) != (fma | osxsave | avx)) return 0;
    // XCR0: SSE (bit 1) and AVX (bit 2) state, opmask (5), ZMM0-15 upper halves (6),
    // ZMM16-31 (7).
    const uint64_t zmmState = (1u << 1) | (1u << 2) | (1u << 5) | (1u << 6) | (1u << 7);
    if ((read_xcr0() & zmmState) != zmmState) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    // Leaf 7, EBX: BMI1 (3), AVX2 (5), BMI2 (8), AVX-512 F (16), DQ (17), CD (28),
    // BW (30), VL (31).
    const unsigned int wanted = (1u << 3) | (1u << 5) | (1u << 8) | (1u << 16) | (1u << 17)
        | (1u << 28) | (1u << 30) | (1u << 31);
    return (ebx & wanted) == wanted;
}
#else
int tensorkit_cpu_runs_avx512(void) { return 0; }
#endif
