import Foundation

/// Times training steps side by side in one run, round after round: each of ours, then
/// the same step in numpy (a script of `scripts/`, run as a child process with
/// `OPENBLAS_CORETYPE` and `OPENBLAS_L2_SIZE` removed from its environment). Prints each
/// round's times, then the best round per step and the median over rounds of the ratio
/// numpy's time / ours (above 1: faster than numpy), since the runs of one round saw
/// about the same load.
struct StepComparison {
    let rounds: Int
    /// Steps timed per round, by each side.
    let steps: Int
    /// The numpy side, `scripts/<numpyScript>`, which takes `[rounds] [steps]` and prints
    /// numpy and its BLAS on its first line and its time per step (a number before "ms")
    /// on its second; `nil` times ours alone.
    let numpyScript: String?

    /// One of ours: its name in the round lines, its title in the table, and one step
    /// (returning the loss before the update).
    typealias Contestant = (name: String, title: String, step: () -> Double)

    /// Runs the rounds and prints the table; exits with status 2 if the numpy script
    /// fails.
    ///
    /// Each round first runs `steps` untimed steps of each contestant: the numpy script
    /// starts a process every round and times its steps after a second or so of busy
    /// start-up, and a core that has just been idle or running another process is slower
    /// for a while. Measured on a 2-vCPU AMD EPYC: with one warm-up step, whichever
    /// contestant ran first after numpy's process took 4.0–4.6 ms a step against 3.4–3.6
    /// for the second; a 0.5 s pause before every contestant made both 4.4–5.0 ms; 20
    /// warm-up steps (about 0.1 s) made both 3.4–3.6 ms, as with `--no-numpy`.
    func run(_ contestants: [Contestant]) {
        var times = Array(repeating: [Double](), count: contestants.count)
        var numpyTimes: [Double] = [], numpyAbout: String?
        for round in 1...rounds {
            var parts: [String] = []
            for (index, contestant) in contestants.enumerated() {
                _ = millisecondsPerStep(contestant.step)  // warm-up
                times[index].append(millisecondsPerStep(contestant.step))
                parts.append(contestant.name + String(format: " %.2f ms", times[index].last!))
            }
            if let numpyScript {
                guard let (about, time) = numpyRound(numpyScript) else {
                    print("train-bench: scripts/\(numpyScript) did not run; use --no-numpy to time TensorKit alone")
                    exit(2)
                }
                numpyAbout = about
                numpyTimes.append(time)
                parts.append(String(format: "numpy %.2f ms", time))
            }
            print("round \(round): " + parts.joined(separator: ", "))
        }

        print("")
        if let numpyAbout { print(numpyAbout) }
        print("one step, best of \(rounds) rounds × \(steps) steps; ratio = numpy / ours, median over rounds")
        for (contestant, times) in zip(contestants, times) {
            var line = contestant.title.padding(toLength: 24, withPad: " ", startingAt: 0)
                + String(format: "%8.2f ms", times.min()!)
            if numpyScript != nil {
                line += String(format: "   ratio %.2f", Self.median(zip(numpyTimes, times).map { $0 / $1 }))
            }
            print(line)
        }
        if numpyScript != nil {
            print("numpy course-style".padding(toLength: 24, withPad: " ", startingAt: 0)
                  + String(format: "%8.2f ms", numpyTimes.min()!))
        }
    }

    /// Milliseconds per step of `steps` calls of `body`.
    private func millisecondsPerStep(_ body: () -> Double) -> Double {
        var sink = 0.0
        let elapsed = ContinuousClock().measure {
            for _ in 0..<steps { sink += body() }
        }
        precondition(sink.isFinite, "the loss is not finite: \(sink)")
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return seconds * 1e3 / Double(steps)
    }

    /// One round of `scripts/<script>`: its first line (numpy and BLAS) and its time.
    private func numpyRound(_ script: String) -> (about: String, milliseconds: Double)? {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/\(script)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", path.path, "1", String(steps)]
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

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
