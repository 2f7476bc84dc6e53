// Compiled only in the author's edition, where `Sources/Exercises` holds the stubs
// exactly as they ship (see Package.swift); in a student's copy they are being replaced.
#if AUTHOR_EDITION
import Foundation
import Testing

/// The stubs a student starts from compile (this file would not build otherwise), and
/// each function stops with the `TODO(BackpropLab)` message that names its exercise and
/// itself, which the grader reports as "not started".
///
/// `scores` and `loss` of the two networks are not called: they cannot be reached
/// while the networks' `init` stops first.
@Suite("Shipped stubs")
struct StubTests {
    @Test("stops with its TODO message", arguments: StubCall.allCases)
    func stopsWithItsTODOMessage(_ call: StubCall) async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            [call] in call.run()
        }
        guard let result else { return }
        let standardError = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(standardError.contains(call.expectedMessage),
                "\(call) should stop with \"\(call.expectedMessage) …\"; it printed: \(standardError)")
    }
}
#endif

#if AUTHOR_EDITION
@Suite("Stub calls")
struct StubCallCoverageTests {
    @Test("every exercise of the shipped course.json has its stubs' functions in StubCall")
    func coversTheCourse() throws {
        let course = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("assignments/course.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: course)) as? [String: Any]
        let names = try #require(json?["exercises"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(!names.isEmpty)
        let covered = Set(StubCall.allCases.map(\.exercise))
        for name in names {
            #expect(covered.contains(name), "StubCall has no call of \(name)'s stub: add its functions")
        }
    }
}
#endif
