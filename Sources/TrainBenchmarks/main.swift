// Times one training step of the course's five-layer net (3072 → 100 ×4 → 10, batch
// 200, batch norm, dropout keep 0.5, L2 1e-3, Adam on every parameter), three ways in
// one run, round after round:
//
//   - reference: the reference solutions (`FullyConnectedNet.loss`, `Optimizers.adam`);
//   - student-style: the same step as a student writes it with TensorKit
//     (`StudentStyleNet`);
//   - numpy: scripts/bench_train.py, the course's numpy code, run as a child process
//     with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment.
//
//     swift run -c release train-bench [rounds] [steps] [--no-numpy]
//
// Each round times `steps` steps of each. The table gives the best round per step and
// the median over rounds of the ratio to numpy (numpy's time / ours: above 1 is
// faster than numpy), since the runs of one round saw about the same load.

import Foundation
import TensorKit

let arguments = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("--") }
let rounds = arguments.first.flatMap { Int($0) } ?? 5
let steps = arguments.dropFirst().first.flatMap { Int($0) } ?? 20
let withNumpy = !CommandLine.arguments.contains("--no-numpy")

let sizes = [3072, 100, 100, 100, 100, 10]
var generator = SeededGenerator(seed: 0)
let x = Tensor.randomNormal([200, sizes[0]], using: &generator)
let labels = (0..<200).map { _ in Int.random(in: 0..<10, using: &generator) }

var reference = ReferenceStep(sizes: sizes, reg: 1e-3, keep: 0.5, seed: 1)
var student = StudentStyleNet(sizes: sizes, reg: 1e-3, keep: 0.5, seed: 1)

/// Milliseconds per step of `steps` calls of `body`.
func millisecondsPerStep(_ body: () -> Double) -> Double {
    var sink = 0.0
    let elapsed = ContinuousClock().measure {
        for _ in 0..<steps { sink += body() }
    }
    precondition(sink.isFinite, "the loss is not finite: \(sink)")
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return seconds * 1e3 / Double(steps)
}

/// One round of scripts/bench_train.py: its first line (numpy and BLAS) and its time.
func numpyRound() -> (about: String, milliseconds: Double)? {
    let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/bench_train.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, "1", String(steps)]
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_CORETYPE"] = nil
    environment["OPENBLAS_L2_SIZE"] = nil
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    do { try process.run() } catch { return nil }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let lines = text.split(separator: "\n")
    // "numpy course-style step      10.52 ms per step (…)": the number before "ms".
    let words = lines.count >= 2 ? lines[1].split(separator: " ") : []
    guard process.terminationStatus == 0, let unit = words.firstIndex(of: "ms"), unit > 0,
          let time = Double(words[unit - 1])
    else { return nil }
    return (String(lines[0]), time)
}

#if DEBUG
print("train-bench: debug build (use -c release for the figures in docs/performance.md)")
#endif
_ = reference.trainStep(x, labels: labels)  // warm up: first touch of every buffer
_ = student.trainStep(x, labels: labels)

var referenceTimes: [Double] = [], studentTimes: [Double] = [], numpyTimes: [Double] = []
var numpyAbout: String?
for round in 1...rounds {
    referenceTimes.append(millisecondsPerStep { reference.trainStep(x, labels: labels) })
    studentTimes.append(millisecondsPerStep { student.trainStep(x, labels: labels) })
    var line = String(format: "round %d: reference %.2f ms, student-style %.2f ms",
                      round, referenceTimes.last!, studentTimes.last!)
    if withNumpy {
        guard let (about, time) = numpyRound() else {
            print("train-bench: scripts/bench_train.py did not run; use --no-numpy to time TensorKit alone")
            exit(2)
        }
        numpyAbout = about
        numpyTimes.append(time)
        line += String(format: ", numpy %.2f ms", time)
    }
    print(line)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2]
        : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

print("")
if let numpyAbout { print(numpyAbout) }
print("one step, best of \(rounds) rounds × \(steps) steps; ratio = numpy / ours, median over rounds")
for (name, times) in [("reference (Solutions)", referenceTimes), ("student-style", studentTimes)] {
    var line = name.padding(toLength: 24, withPad: " ", startingAt: 0)
        + String(format: "%8.2f ms", times.min()!)
    if withNumpy {
        line += String(format: "   ratio %.2f", median(zip(numpyTimes, times).map { $0 / $1 }))
    }
    print(line)
}
if withNumpy {
    print("numpy course-style".padding(toLength: 24, withPad: " ", startingAt: 0)
          + String(format: "%8.2f ms", numpyTimes.min()!))
}
