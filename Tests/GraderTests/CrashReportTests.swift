import Testing
@testable import GraderKit

@Suite("Reading why a worker died")
struct CrashReportTests {
    /// The raw wait status of a process killed by `signal`, or exited with `code`.
    static func killed(by signal: Int32) -> Int32 { signal }
    static func exited(with code: Int32) -> Int32 { code << 8 }

    @Test("a TODO message on standard error is a crash: 'not started' comes only from the worker's report")
    func todoOnStandardErrorIsACrash() {
        let stderr = "/home/s/lab/Sources/Curriculum/TODO.swift:10: Fatal error: TODO(BackpropLab) affine: forward(_:_:_:) is not implemented yet\n"
        #expect(CrashReport.diagnose(standardError: stderr, waitStatus: Self.killed(by: 4), memoryLimitMB: 4096)
                == .crashed(reason: "TODO(BackpropLab) affine: forward(_:_:_:) is not implemented yet",
                            location: "Sources/Curriculum/TODO.swift:10"))
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
