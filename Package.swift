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
/// builds students run (`swift run grader`), and for a CPU with AVX2 and FMA on
/// x86-64 so that `SIMD.addProduct` is one instruction rather than a call to libm.
/// See docs/performance.md for the measurements behind these flags.
var tensorKitFlags: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]
#if arch(x86_64)
tensorKitFlags.append(.unsafeFlags(["-target-cpu", "haswell"]))
#endif

var targets: [Target] = [
    .target(name: "TensorKit", swiftSettings: tensorKitFlags),
    .target(name: "Curriculum", dependencies: ["TensorKit"]),
    .target(name: "Exercises", dependencies: ["Curriculum", "TensorKit"]),
    .target(name: "GraderKit", dependencies: ["Curriculum", "TensorKit"]),
    .executableTarget(
        name: "Grader",
        dependencies: ["GraderKit"] + (hasSolutions ? ["Solutions"] : [])),
    .executableTarget(name: "GraderWorker", dependencies: ["Exercises", "Curriculum"]),
    .executableTarget(
        name: "Lab",
        dependencies: ["LabKit", "Curriculum", "Exercises"] + (hasSolutions ? ["Solutions"] : [])),
    // The lab's data sets, plots, experiments and command line, as a library so that
    // tests can drive them; `Lab` only chooses the implementation (student or reference).
    .target(name: "LabKit", dependencies: ["Curriculum", "TensorKit"], resources: [.copy("Resources")]),
    .testTarget(name: "TensorKitTests", dependencies: ["TensorKit"],
                resources: [.copy("Data")]),
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
    .executable(name: "lab", targets: ["Lab"]),
]
if hasSolutions {
    targets.append(.target(name: "Solutions", dependencies: ["Curriculum", "TensorKit"]))
    targets.append(.testTarget(name: "SolutionsTests", dependencies: ["Solutions", "Curriculum", "TensorKit"],
                               resources: [.copy("Data")]))
    targets.append(.testTarget(name: "LabTests", dependencies: ["LabKit", "Solutions", "Curriculum", "TensorKit"]))
}

let package = Package(
    name: "BackpropLab",
    products: products,
    targets: targets
)
