import Foundation
import LabKit
import Testing

/// A lab run that reaches an unfinished exercise, or crashes in the student's code,
/// ends in two lines that say what happened, where, and what to do — never in the
/// runtime's backtrace.
@Suite("lab after a crash")
struct CrashReportTests {
    /// What Swift 6's runtime prints when a stub's TODO traps under the lab (abridged:
    /// the registers and memory images that follow are ignored).
    static let todoCrash = """
        Curriculum/TODO.swift:10: Fatal error: TODO(BackpropLab) fc-net: init(_:) is not implemented yet

        *** Signal 4: Backtracing from 0x7f2dc10f9361... done ***

        *** Program crashed: Illegal instruction at 0x00007f2dc10f9361 ***

        Thread 0 "lab" crashed:

          0              0x00007f2dc10f9361 _assertionFailure(_:_:file:line:flags:) + 225 in libswiftCore.so
          1 [ra]         0x000055d86776dcc6 TODO(_:function:) + 261 in lab at /home/me/BackpropLab/Sources/Curriculum/TODO.swift:10:5
          2 [ra] [thunk] 0x000055d867776ae4 FullyConnectedNet.init(_:) + 595 in lab at /home/me/BackpropLab/Sources/Exercises/FullyConnectedNet.swift:41:9
          3 [ra]         0x000055d8677cc31a static TrainCommand.run<A>(_:_:console:) + 4329 in lab at /home/me/BackpropLab/Sources/LabKit/CommandLine/TrainCommand.swift:96:32
        """

    @Test("an unfinished exercise: which one, the student's line, what the run uses, the grader command")
    func unfinishedExercise() {
        let summary = CrashSummary(standardError: Self.todoCrash)
        #expect(summary.lines(command: "lab train", needs: ["affine", "relu", "optimizers", "fc-net"]) == [
            "lab train stopped: exercise fc-net is not finished (init(_:) is not implemented yet at Sources/Exercises/FullyConnectedNet.swift:41); this run uses affine, relu, optimizers, fc-net.",
            "Next: finish it, then `swift run grader check affine relu optimizers fc-net` until every check passes, and run this again.",
        ])
    }

    @Test("a crash in the student's code: the runtime's message and the student's own line")
    func crashInStudentCode() {
        let text = """
            Swift/ContiguousArrayBuffer.swift:690: Fatal error: Index out of range
            *** Program crashed: Illegal instruction at 0x00007f2dc10f9361 ***
              0              0x00007f2dc10f9361 _assertionFailure(_:_:file:line:flags:) + 225 in libswiftCore.so
              1 [ra]         0x000055d867776ae4 Affine.forward(_:_:_:) + 80 in lab at /Users/me/lab/Sources/Exercises/Affine.swift:34:17
            """
        #expect(CrashSummary(standardError: text).lines(command: "lab experiment batchnorm", needs: nil) == [
            "lab experiment batchnorm stopped: your code crashed: Index out of range at Sources/Exercises/Affine.swift:34.",
            "Next: fix that line; `swift run grader` shows which check it breaks.",
        ])
    }

    #if os(Linux) || os(macOS)
    @Test("lab train on the shipped stubs prints the two lines and exits 1, with no backtrace")
    func shippedStubs() throws {
        let lab = try #require(Self.labExecutable(), "the lab executable is built next to the tests")
        let process = Process()
        process.executableURL = lab
        process.arguments = ["train", "--epochs", "1", "--norm", "batchnorm"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let lines = errorText.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(errorText)")
        #expect(lines.first?.hasPrefix("lab train stopped: exercise fc-net is not finished (init(_:) is not implemented yet at Sources/Exercises/FullyConnectedNet.swift:") == true)
        #expect(lines.first?.hasSuffix("); this run uses affine, relu, optimizers, fc-net, batchnorm.") == true)
        #expect(lines.last == "Next: finish it, then `swift run grader check affine relu optimizers fc-net batchnorm` until every check passes, and run this again.")
    }

    /// `lab`, built next to the test bundle.
    static func labExecutable() -> URL? {
        var url = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = url.appendingPathComponent("lab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            url = url.deletingLastPathComponent()
        }
        return nil
    }
    #endif
}
