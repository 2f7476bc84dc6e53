import CTensorKitCPU
import Foundation
import TensorKitAVX512

extension MatMulKernel {
    /// Which micro-kernel `matmul` runs, decided once per process.
    ///
    /// On x86-64 TensorKit is compiled for AVX2 and FMA, and its 6×8 kernel uses 12 of
    /// the 16 ymm registers. A CPU with AVX-512 has 32 registers twice as wide; where the
    /// CPU executes them at full width (Intel's server cores), an 8×16 kernel compiled for
    /// it has about twice the peak (docs/performance.md). That kernel lives in a module of
    /// its own compiled for AVX-512, TensorKitAVX512, and runs only where
    /// `tensorkit_cpu_runs_avx512` (CTensorKitCPU: CPUID and XGETBV) says the CPU and the
    /// OS support it; everywhere else, arm64 included, the portable kernel runs.
    enum Choice: CaseIterable, Sendable, CustomStringConvertible {
        /// TensorKit's own 6×8 kernel: AVX2 and FMA on x86-64, NEON on arm64.
        case portable
        /// The 8×16 kernel of TensorKitAVX512, for x86-64 CPUs with AVX-512.
        case avx512

        /// The environment variable that keeps a process on the portable kernel on a CPU
        /// with AVX-512, to measure one against the other (`TENSORKIT_NO_AVX512=1`).
        static let portableOnlyVariable = "TENSORKIT_NO_AVX512"

        /// The kernel products run unless told otherwise: AVX-512 where the CPU has it,
        /// unless `TENSORKIT_NO_AVX512` is set to anything but empty or `0`.
        static let fastest: Choice = {
            let portableOnly = ProcessInfo.processInfo.environment[portableOnlyVariable]
                .map { !$0.isEmpty && $0 != "0" } ?? false
            return !portableOnly && Choice.avx512.isSupported ? .avx512 : .portable
        }()

        /// Whether this CPU and OS can run the AVX-512 kernel, asked once.
        private static let cpuRunsAVX512 = tensorkit_cpu_runs_avx512() != 0

        /// Whether this machine can run this kernel.
        var isSupported: Bool {
            switch self {
            case .portable: true
            case .avx512: Self.cpuRunsAVX512
            }
        }

        /// The rows and columns of C the kernel computes per call.
        var tile: (rows: Int, columns: Int) {
            switch self {
            case .portable: (PortableMicroKernel.rows, PortableMicroKernel.columns)
            case .avx512: (AVX512MicroKernel.rows, AVX512MicroKernel.columns)
            }
        }

        /// The kernel's name and tile, as `tensorkit-bench` prints it: "AVX-512 8×16".
        var description: String {
            let name = switch self {
            case .portable: "portable"
            case .avx512: "AVX-512"
            }
            return "\(name) \(tile.rows)×\(tile.columns)"
        }
    }
}
