import Curriculum
import Foundation
import Testing
import WorkerKit
@testable import GraderKit

@Suite("Reading why a worker died")
struct CrashReportTests {
    /// The raw wait status of a process killed by `signal`, or exited with `code`.
    static func killed(by signal: Int32) -> Int32 { signal }
    static func exited(with code: Int32) -> Int32 { code << 8 }

    @Test("a TODO message on standard error is a crash, said to be the code's own text: 'not started' comes only from the worker's report")
    func todoOnStandardErrorIsACrash() {
        let stderr = "/home/s/lab/Sources/Curriculum/TODO.swift:10: Fatal error: TODO(BackpropLab) affine: forward(_:_:_:) is not implemented yet\n"
        #expect(CrashReport.diagnose(standardError: stderr, waitStatus: Self.killed(by: 4), memoryLimitMB: 4096)
                == .crashed(reason: "TODO(BackpropLab) affine: forward(_:_:_:) is not implemented yet (written to standard error by the code itself; an unfinished stub is reported as not started)",
                            location: "Sources/Curriculum/TODO.swift:10"))
    }

    @Test("the runtime's fatal error is the last one on standard error: one the code printed before it is not the reason")
    func lastFatalErrorIsTheRuntimes() {
        let stderr = """
            Sources/Exercises/ReLU.swift:1: Fatal error: TODO(BackpropLab) relu: forward(_:) is not implemented yet
            Sources/Exercises/ReLU.swift:9: Fatal error: boom

            """
        #expect(CrashReport.diagnose(standardError: stderr, waitStatus: Self.killed(by: 4), memoryLimitMB: 4096)
                == .crashed(reason: "boom", location: "Sources/Exercises/ReLU.swift:9"))
    }

    /// What a symbolizer makes of a crashed worker's stack, innermost first: `frame(…)`
    /// with the demangled name and absolute path it gives.
    static func frame(_ function: String, _ path: String, _ line: Int) -> CrashFrame {
        CrashFrame(function: function, qualified: true, file: "/home/s/lab/Sources/" + path, line: line)
    }

    static let handler = frame("WorkerKit.Handlers.affineForward(WorkerKit.WorkerRequest) throws -> WorkerKit.WorkerReply",
                               "WorkerKit/Handlers/AffineHandlers.swift", 20)

    @Test("a crash in TensorKit called by the student's code is reported at the student's line, with the runtime's message")
    func crashInTensorKitNamesTheStudentsLine() {
        let stderr = "TensorKit/Tensor+MatMul.swift:21: Fatal error: matmul: needs two 2-d tensors, got shapes (2, 4, 5, 6) and (120, 3)\n"
            + CrashAddresses.prefix + " 0x2f1a0 0x1c2b4 0x9a10\n"
        let frames = [
            Self.frame("TensorKit.shapeFailure(_: @autoclosure () -> Swift.String, file: Swift.StaticString, line: Swift.UInt) -> Swift.Never",
                       "TensorKit/ShapeFailure.swift", 11),
            Self.frame("TensorKit.Tensor.matmul(_: TensorKit.Tensor, transposingSelf: Swift.Bool, transposingOther: Swift.Bool) -> TensorKit.Tensor",
                       "TensorKit/Tensor+MatMul.swift", 21),
            Self.frame("Exercises.Affine.forward(TensorKit.Tensor, TensorKit.Tensor, TensorKit.Tensor) -> (out: TensorKit.Tensor, cache: Exercises.Affine.Cache)",
                       "Exercises/Affine.swift", 34),
            Self.handler,
        ]
        let failure = CrashReport.diagnose(standardError: stderr, waitStatus: Self.killed(by: 4), memoryLimitMB: 4096, frames: frames)
        #expect(failure.description
                == "crashed: matmul: needs two 2-d tensors, got shapes (2, 4, 5, 6) and (120, 3) (at Sources/Exercises/Affine.swift:34 in Affine.forward)")
    }

    @Test("a crash in the student's code reached through the course's code names the calls that led there")
    func callChain() {
        let stderr = "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n"
        let frames = [
            Self.frame("closure #1 (Swift.Double) -> Swift.Double in Exercises.ReLU.forward(TensorKit.Tensor) -> (out: TensorKit.Tensor, cache: Exercises.ReLU.Cache)",
                       "Exercises/ReLU.swift", 7),
            Self.frame("Exercises.ReLU.forward(TensorKit.Tensor) -> (out: TensorKit.Tensor, cache: Exercises.ReLU.Cache)", "Exercises/ReLU.swift", 7),
            Self.frame("protocol witness for Curriculum.ReLULayer.forward(TensorKit.Tensor) -> (out: TensorKit.Tensor, cache: A.Cache) in conformance Exercises.ReLU : Curriculum.ReLULayer in Exercises",
                       "Exercises/ReLU.swift", 7),
            Self.frame("Curriculum.AffineReLU.forward(TensorKit.Tensor, TensorKit.Tensor, TensorKit.Tensor) -> (out: TensorKit.Tensor, cache: Curriculum.AffineReLU<A, B>.Cache)",
                       "Curriculum/AffineReLU.swift", 30),
            Self.frame("Exercises.TwoLayerNet.scores(TensorKit.Tensor) -> TensorKit.Tensor", "Exercises/TwoLayerNet.swift", 21),
            Self.frame("Exercises.TwoLayerNet.loss(_: TensorKit.Tensor, labels: Swift.Array<Swift.Int>) -> (loss: Swift.Double, grads: Swift.Dictionary<Swift.String, TensorKit.Tensor>)",
                       "Exercises/TwoLayerNet.swift", 26),
            Self.handler,
            Self.frame("Exercises.TwoLayerNet.init()", "Exercises/TwoLayerNet.swift", 9),
        ]
        #expect(CrashReport.diagnose(standardError: stderr, waitStatus: Self.killed(by: 4), memoryLimitMB: 4096, frames: frames)
                == .crashed(reason: "Index out of range",
                            location: "Sources/Exercises/ReLU.swift:7 in ReLU.forward ← AffineReLU.forward ← TwoLayerNet.scores ← TwoLayerNet.loss"))
    }

    @Test("a trap with no message in the student's code is explained and located")
    func signalInStudentCode() {
        let frames = [Self.frame("Exercises.Dropout.forward(TensorKit.Tensor, parameters: Curriculum.DropoutParameters) -> (out: TensorKit.Tensor, cache: Exercises.Dropout.Cache)",
                                 "Exercises/Dropout.swift", 52), Self.handler]
        #expect(CrashReport.diagnose(standardError: "", waitStatus: Self.killed(by: 4), memoryLimitMB: 4096, frames: frames).description
                == "crashed: a runtime trap (signal 4): e.g. an index out of range, an arithmetic overflow or a force-unwrapped nil (at Sources/Exercises/Dropout.swift:52 in Dropout.forward)")
    }

    @Test("with no frame in the student's code (the judge's harness), the location is where the runtime stopped")
    func noStudentFrame() {
        let stderr = "/home/s/lab/Tests/FaultyWorker/Attack.swift:40: Fatal error: boom\n"
        let frames = [CrashFrame(function: "FaultyWorker.attack()", qualified: true, file: "/home/s/lab/Tests/FaultyWorker/Attack.swift", line: 40),
                      Self.handler]
        #expect(CrashReport.diagnose(standardError: stderr, waitStatus: Self.killed(by: 4), memoryLimitMB: 4096, frames: frames)
                == .crashed(reason: "boom", location: "/home/s/lab/Tests/FaultyWorker/Attack.swift:40"))
    }

    @Test("the crash handler's line is read from the end of standard error; a line without addresses is none")
    func crashAddresses() {
        let stderr = "printed\n\(CrashAddresses.prefix) 0x10 0x20\nmore\n\(CrashAddresses.prefix) 0x2f1a0 0x1c2b4 oops 0x9a10\n"
        #expect(CrashAddresses.parse(stderr) == [0x2f1a0, 0x1c2b4, 0x9a10])
        #expect(CrashAddresses.parse(CrashAddresses.prefix + " 0x1") == [1])
        #expect(CrashAddresses.parse("printed\n\(CrashAddresses.prefix)\n") == nil)
        #expect(CrashAddresses.parse("Fatal error: x\n") == nil)
    }

    @Test("function names are shortened to type and name, whatever the compiler made of them")
    func shortFunctionNames() {
        let names = [
            "Exercises.Affine.forward(TensorKit.Tensor, TensorKit.Tensor, TensorKit.Tensor) -> (out: TensorKit.Tensor, cache: Exercises.Affine.Cache)",
            "closure #2 (Swift.Int) -> Swift.Double in closure #1 () -> () in Exercises.Affine.forward(TensorKit.Tensor, TensorKit.Tensor, TensorKit.Tensor) -> (out: TensorKit.Tensor, cache: Exercises.Affine.Cache)",
            "generic specialization <Exercises.Affine, Exercises.ReLU> of Exercises.Affine.forward(TensorKit.Tensor) -> TensorKit.Tensor",
            "specialized Exercises.Affine.forward(TensorKit.Tensor) -> TensorKit.Tensor",
            "protocol witness for Curriculum.AffineLayer.forward(TensorKit.Tensor) -> TensorKit.Tensor in conformance Exercises.Affine : Curriculum.AffineLayer in Exercises",
            "Exercises.Affine.(forward in _6183AB69D2470068008FA4D0417CC082)(Swift.Int) -> Swift.Int",
            "closure #1 (Swift.Int) -> Swift.Int in Exercises.Affine.(forward in _6183AB69D2470068008FA4D0417CC082)(Swift.Int) -> Swift.Int",
        ]
        #expect(names.map { CrashFrame.shortFunction($0, qualified: true) } == Array(repeating: "Affine.forward", count: 7))
        #expect(CrashFrame.shortFunction("Curriculum.softmaxLoss(_: TensorKit.Tensor, labels: Swift.Array<Swift.Int>) -> (loss: Swift.Double, dscores: TensorKit.Tensor)",
                                         qualified: true) == "softmaxLoss")
        #expect(CrashFrame.shortFunction("FullyConnectedNet.init(_:)") == "FullyConnectedNet.init")
    }

    @Test("the runtime's demangler names a Swift symbol (as `swift demangle --no-sugar` does)")
    func demangling() {
        #expect(Symbolizer.demangle("$s9Exercises6AffineV7forwardySiSaySiGF")
                == "Exercises.Affine.forward(Swift.Array<Swift.Int>) -> Swift.Int")
        #expect(Symbolizer.demangle("main") == "main")
    }

    @Test("a fatal error is a crash with its message and a short location")
    func fatalErrorIsACrash() {
        let stderr = "noise\n/home/s/lab/Sources/TensorKit/Broadcasting.swift:14: Fatal error: cannot broadcast shapes (2, 3) and (4,)\n"
        #expect(CrashReport.diagnose(standardError: stderr, waitStatus: Self.killed(by: 4), memoryLimitMB: 4096)
                == .crashed(reason: "cannot broadcast shapes (2, 3) and (4,)", location: "Sources/TensorKit/Broadcasting.swift:14"))
    }

    @Test("a failed allocation is running out of memory, with the limit")
    func failedAllocationIsOutOfMemory() {
        let stderr = "Fatal error: failed to allocate 16777248 bytes of memory with alignment 8\n"
        #expect(CrashReport.diagnose(standardError: stderr, waitStatus: Self.killed(by: 6), memoryLimitMB: 512)
                == .crashed(reason: "ran out of memory (limit 512 MiB)", location: nil))
    }

    @Test("a kill by the memory cgroup is running out of memory")
    func cgroupKillIsOutOfMemory() {
        #expect(CrashReport.diagnose(standardError: "", waitStatus: Self.killed(by: 9), killedForMemory: true,
                                     memoryLimitMB: 256)
                == .crashed(reason: "ran out of memory (limit 256 MiB)", location: nil))
    }

    @Test("a bare signal is explained")
    func signalsAreExplained() {
        guard case .crashed(let reason, nil) = CrashReport.diagnose(standardError: "", waitStatus: Self.killed(by: 11),
                                                                    memoryLimitMB: 4096) else {
            Issue.record("expected a crash")
            return
        }
        #expect(reason.contains("segmentation fault"))
    }

    @Test("an exit in the middle of a request is reported with its status")
    func exitsAreReported() {
        guard case .crashed(let reason, nil) = CrashReport.diagnose(standardError: "", waitStatus: Self.exited(with: 3),
                                                                    memoryLimitMB: 4096) else {
            Issue.record("expected a crash")
            return
        }
        #expect(reason.contains("status 3"))
    }
}
