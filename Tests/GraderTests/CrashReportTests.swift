import Testing
@testable import GraderKit

@Suite("Reading why a worker died")
struct CrashReportTests {
    @Test("a TODO stop is 'not started', naming the exercise and function")
    func todoIsNotStarted() {
        let stderr = "/home/s/lab/Sources/Curriculum/TODO.swift:10: Fatal error: TODO(BackpropLab) affine: forward(_:_:_:) is not implemented yet\n"
        #expect(CrashReport.diagnose(standardError: stderr, signal: 4, exitStatus: nil)
                == .notStarted(exercise: "affine", function: "forward(_:_:_:)"))
    }

    @Test("a fatal error is a crash with its message and a short location")
    func fatalErrorIsACrash() {
        let stderr = "noise\n/home/s/lab/Sources/TensorKit/Broadcasting.swift:14: Fatal error: cannot broadcast shapes (2, 3) and (4,)\n"
        #expect(CrashReport.diagnose(standardError: stderr, signal: 4, exitStatus: nil)
                == .crashed(reason: "cannot broadcast shapes (2, 3) and (4,)", location: "Sources/TensorKit/Broadcasting.swift:14"))
    }

    @Test("a bare signal is explained")
    func signalsAreExplained() {
        guard case .crashed(let reason, nil) = CrashReport.diagnose(standardError: "", signal: 11, exitStatus: nil) else {
            Issue.record("expected a crash")
            return
        }
        #expect(reason.contains("segmentation fault"))
    }

    @Test("an exit in the middle of a request is reported with its status")
    func exitsAreReported() {
        guard case .crashed(let reason, nil) = CrashReport.diagnose(standardError: "", signal: nil, exitStatus: 3) else {
            Issue.record("expected a crash")
            return
        }
        #expect(reason.contains("status 3"))
    }
}
