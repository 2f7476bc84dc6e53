// swift-tools-version:6.0
//
// BackpropLab: students implement the layers, optimizers and networks of a first
// deep-learning course; a grader checks them. No package dependencies: only the
// toolchain's Foundation, Dispatch, XCTest and Swift Testing.

import Foundation
import PackageDescription

/// The folder that holds this manifest. `Sources/Solutions` is part of the package
/// only when that folder exists: the student edition ships without it.
let packageDirectory = Context.packageDirectory
let hasSolutions = FileManager.default.fileExists(
    atPath: packageDirectory + "/Sources/Solutions")

/// TensorKit crunches the numbers, so it is compiled optimized even in the debug
/// builds students run (`swift run grader`), and as a whole module as in a release
/// build, so that its elementwise closures and window loops are inlined across files
/// (a full run of the reference: 0.68–0.79 s → 0.57–0.63 s). With `-num-threads 2` the
/// whole-module build still writes one object file per source file, which SwiftPM's
/// debug build links; the compiler says once that it ignores `-enable-batch-mode`.
/// On x86-64 it is compiled for a CPU with AVX2 and FMA so that `SIMD.addProduct` is
/// one instruction rather than a call to libm. See docs/performance.md for the
/// measurements behind these flags. (TensorKitAVX512 below holds the one loop compiled
/// for AVX-512 instead.)
var tensorKitFlags: [SwiftSetting] = [.unsafeFlags(["-O", "-wmo", "-num-threads", "2"], .when(configuration: .debug))]
#if arch(x86_64)
tensorKitFlags.append(.unsafeFlags(["-target-cpu", "haswell"]))
#endif

/// The grader's own modules are optimized in debug builds too: the judge encodes,
/// compares and differentiates thousands of tensors per run, and students run it as
/// `swift run grader`. Student code (Exercises) stays unoptimized, so it is debuggable.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

/// TensorKit's matmul micro-kernel for x86-64 CPUs with AVX-512, compiled for them
/// (`skylake-avx512`: AVX-512 F, CD, BW, DQ, VL), where its 8×16 tile in zmm registers
/// has twice the peak of the AVX2 kernel on Intel's server cores. A whole module so that
/// only this loop is built for AVX-512: TensorKit runs it only after CTensorKitCPU found
/// AVX-512 on the CPU and the OS (`MatMulKernel.Choice`), so TensorKit still runs on any
/// CPU with AVX2. On other architectures the module is empty.
var avx512Flags: [SwiftSetting] = optimizedInDebug
#if arch(x86_64)
avx512Flags.append(.unsafeFlags(["-target-cpu", "skylake-avx512"]))
#endif

var targets: [Target] = [
    .target(name: "TensorKit", dependencies: ["TensorKitAVX512", "CTensorKitCPU", "CTensorKitThreads"], swiftSettings: tensorKitFlags),
    .target(name: "TensorKitAVX512", swiftSettings: avx512Flags),
    // Whether the CPU and the OS run AVX-512 (CPUID, XGETBV): in C, as Swift has neither.
    .target(name: "CTensorKitCPU"),
    // TensorKit's helper threads, which spin for a moment between jobs: in C, for its atomics.
    .target(name: "CTensorKitThreads"),
    .target(name: "Curriculum", dependencies: ["TensorKit"], swiftSettings: optimizedInDebug),
    .target(name: "Exercises", dependencies: ["Curriculum", "TensorKit"]),
    .target(name: "WorkerKit", dependencies: ["Curriculum", "TensorKit", "CWorkerCrash"], swiftSettings: optimizedInDebug),
    // The worker's crash handler, which writes where student code trapped (see WorkerKit's
    // CrashAddresses): in C, as a signal handler may only make async-signal-safe calls.
    .target(name: "CWorkerCrash"),
    // The argument parser of `grader` and `lab`: each tool's commands and options as one
    // table, from which parsing, help and "did you mean" suggestions all come.
    .target(name: "CommandLineKit"),
    .testTarget(name: "CommandLineKitTests", dependencies: ["CommandLineKit"]),
    .target(name: "GraderKit", dependencies: ["WorkerKit", "WorkerSandbox", "CommandLineKit", "Curriculum", "TensorKit"],
            swiftSettings: optimizedInDebug),
    // The staff's tools: grading submissions in a staging copy, a class at once, the
    // Gradescope export, and the sealed reports. Not part of what a student runs.
    .target(name: "StaffKit", dependencies: ["GraderKit", "WorkerKit", "WorkerSandbox", "Curriculum", "TensorKit"],
            swiftSettings: optimizedInDebug),
    // The author's tools: the new-exercise scaffold, hidden fixture sets, the student
    // edition. Not part of what a student runs either.
    .target(name: "AuthorKit", dependencies: ["GraderKit", "Curriculum", "TensorKit"], swiftSettings: optimizedInDebug),
    // `grader`'s command line: its table of commands and options, and what each command does.
    .target(name: "GraderCommands", dependencies: ["GraderKit", "StaffKit", "AuthorKit", "CommandLineKit", "WorkerKit", "TensorKit"],
            swiftSettings: optimizedInDebug),
    // The launcher that confines each worker (see docs/security.md): trusted code only,
    // no Foundation, so it starts in milliseconds. `grader` depends on it so that
    // `swift run grader` builds it next to itself.
    .target(name: "CWorkerSandbox"),
    .target(name: "WorkerSandbox", dependencies: ["CWorkerSandbox"], swiftSettings: optimizedInDebug),
    .executableTarget(name: "WorkerLauncher", dependencies: ["WorkerSandbox"], swiftSettings: optimizedInDebug),
    .executableTarget(name: "Grader", dependencies: ["GraderCommands", "WorkerLauncher"]),
    .executableTarget(name: "GraderWorker", dependencies: ["WorkerKit", "Exercises"]),
    .executableTarget(
        name: "Lab",
        dependencies: ["LabKit", "Curriculum", "Exercises"] + (hasSolutions ? ["Solutions"] : [])),
    // The lab's data sets, plots, experiments and command line, as a library so that
    // tests can drive them; `Lab` only chooses the implementation (student or reference).
    .target(name: "LabKit", dependencies: ["CommandLineKit", "Curriculum", "TensorKit"], resources: [.copy("Resources")]),
    .testTarget(name: "TensorKitTests", dependencies: ["TensorKit", "Curriculum"],  // Curriculum: numericGradient
                resources: [.copy("Data")]),
    // The judge's tests. Those that grade the shipped stubs or the reference need the
    // author's edition (AUTHOR_EDITION); the rest run everywhere.
    .testTarget(name: "GraderTests", dependencies: ["GraderKit", "StaffKit", "AuthorKit", "GraderCommands", "CommandLineKit", "WorkerKit", "WorkerSandbox", "Curriculum", "TensorKit",
                                                    "FaultyWorker", "WorkerLauncher"]
                    + (hasSolutions ? ["ForgingWorker"] : []),
                // Read from the checkout by path, not bundled (and not listed as
                // unhandled files in every `swift run` a student makes).
                exclude: ["Data"],
                swiftSettings: hasSolutions ? [.define("AUTHOR_EDITION")] : []),
    // A worker that misbehaves in every way the judge must survive; see its main.swift.
    .executableTarget(name: "FaultyWorker", dependencies: ["WorkerKit"], path: "Tests/FaultyWorker"),
    // Checks that every stub stops with its TODO message. Only in the author's edition
    // (where `Sources/Exercises` holds the stubs as they ship) does it compile its tests:
    // in a student's copy the stubs are meant to be replaced.
    .testTarget(name: "ExercisesTests", dependencies: ["Exercises", "Curriculum", "TensorKit"],
                swiftSettings: hasSolutions ? [.define("AUTHOR_EDITION")] : []),
]
var products: [Product] = [
    .library(name: "TensorKit", targets: ["TensorKit"]),
    .executable(name: "grader", targets: ["Grader"]),
    .executable(name: "grader-worker", targets: ["GraderWorker"]),
    .executable(name: "grader-launcher", targets: ["WorkerLauncher"]),
    .executable(name: "lab", targets: ["Lab"]),
]
if hasSolutions {
    // Optimized in debug builds like the grader's own modules: `swift run grader --impl
    // solutions` spends most of its time in the reference's networks (docs/performance.md).
    targets.append(.target(name: "Solutions", dependencies: ["Curriculum", "TensorKit"], swiftSettings: optimizedInDebug))
    targets.append(.testTarget(name: "SolutionsTests", dependencies: ["Solutions", "Curriculum", "TensorKit"],
                               resources: [.copy("Data")]))
    // `Lab` too: a test runs the lab as a student does, on the shipped stubs.
    targets.append(.testTarget(name: "LabTests", dependencies: ["LabKit", "Lab", "CommandLineKit", "Solutions", "Curriculum", "TensorKit"]))
    // A worker that tries to score without doing the work (zeros, forged probes): the
    // judge's tests show it earns nothing. It wraps the reference, so author's edition only.
    targets.append(.executableTarget(name: "ForgingWorker", dependencies: ["WorkerKit", "Solutions", "TensorKit"],
                                     path: "Tests/ForgingWorker"))
    // The twin of grader-worker, serving the reference for `grader --impl solutions`.
    targets.append(.executableTarget(name: "GraderWorkerSolutions", dependencies: ["WorkerKit", "Solutions"]))
    products.append(.executable(name: "grader-worker-solutions", targets: ["GraderWorkerSolutions"]))
    // The catalogue of common mistakes, each a small implementation with one error, and
    // the worker that serves one of them for `grader mistakes`. Kept with the author's
    // tools: the student edition ships their signatures, never their code.
    if FileManager.default.fileExists(atPath: packageDirectory + "/Sources/Mistakes") {
        targets.append(.target(name: "Mistakes", dependencies: ["CommandLineKit", "Curriculum", "TensorKit", "WorkerKit", "Solutions"]))
        targets.append(.executableTarget(name: "GraderWorkerMistakes", dependencies: ["WorkerKit", "Mistakes", "Solutions"]))
        products.append(.executable(name: "grader-worker-mistakes", targets: ["GraderWorkerMistakes"]))
        targets.append(.testTarget(name: "MistakesTests",
                                   dependencies: ["Mistakes", "Solutions", "GraderKit", "Curriculum", "TensorKit", "WorkerKit"]))
    }
}

targets.append(.executableTarget(name: "TensorKitBenchmarks", dependencies: ["TensorKit"]))
products.append(.executable(name: "tensorkit-bench", targets: ["TensorKitBenchmarks"]))
if hasSolutions {
    // One training step through the reference, a student-style net and numpy, side by
    // side (docs/performance.md). Needs the reference, so the author's edition only.
    targets.append(.executableTarget(name: "TrainBenchmarks", dependencies: ["Solutions", "Curriculum", "TensorKit"]))
    products.append(.executable(name: "train-bench", targets: ["TrainBenchmarks"]))
}

let package = Package(
    name: "BackpropLab",
    products: products,
    targets: targets
)
