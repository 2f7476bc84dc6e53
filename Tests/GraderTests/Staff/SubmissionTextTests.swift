import Foundation
import Testing
@testable import GraderKit
@testable import StaffKit

/// What a submission may write, and may not: its imports, and text that reaches a
/// person (escaped), and file names that imitate a stub's (called out).
@Suite("Submission text and imports")
struct SubmissionTextTests {
    static let path = "Sources/Exercises/Affine.swift"

    @Test("the course's modules, Foundation and the C library may be imported")
    func allowedImports() {
        let source = """
            import Curriculum
            @preconcurrency import Foundation
            import struct TensorKit.Tensor
            #if canImport(Glibc)
            import Glibc
            #endif
            // import Solutions (a comment)
            let note = "import GraderKit (a string)"
            let more = \"\"\"
                import WorkerKit
                \"\"\"
            /* import Solutions /* nested */ import Mistakes */
            """
        #expect(ImportPolicy.violations(in: source, path: Self.path) == [])
    }

    @Test("any other import, or a re-export, is an error naming the file and the line", arguments: [
        ("import Solutions", "not Solutions"),
        ("import GraderKit", "not GraderKit"),
        ("import WorkerKit", "not WorkerKit"),
        ("@_exported import Curriculum", "@_exported is not allowed"),
        ("@_implementationOnly import Solutions", "@_implementationOnly is not allowed"),
        ("import func Solutions.affineForward", "not Solutions"),
        ("import\n    Solutions", "not Solutions"),
        ("let x = 1; import `Solutions`", "not Solutions"),
    ])
    func forbiddenImports(source: String, message: String) {
        let problems = ImportPolicy.violations(in: "import TensorKit\n" + source, path: Self.path)
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.hasPrefix("\(Self.path):2: error: ") })
        #expect(problems.contains { $0.contains(message) })
    }

    @Test("control, ANSI, bidirectional and zero-width characters are escaped; line breaks kept in a block")
    func escaping() {
        let painted = "ok\u{1B}[2J\u{1B}[1;32mall passed\u{1B}[0m\r"
        #expect(SafeText.block(painted) == "ok\\u{1B}[2J\\u{1B}[1;32mall passed\\u{1B}[0m\\u{D}")
        #expect(SafeText.block("score \u{202E}601\u{202C} of 106\u{200B}") == "score \\u{202E}601\\u{202C} of 106\\u{200B}")
        #expect(SafeText.block("two\n\tlines") == "two\n\tlines")
        #expect(SafeText.inline("two\nlines") == "two\\u{A}lines")
        #expect(SafeText.block("Σ naïve — ✓") == "Σ naïve — ✓")
    }

    @Test("a file name imitating a stub's is called out with what differs", arguments: [
        ("\u{410}ffine.swift", "U+0410 CYRILLIC CAPITAL LETTER A"),
        ("Affine\u{200B}.swift", "U+200B ZERO WIDTH SPACE"),
        ("\u{FF21}ffine.swift", "U+FF21 FULLWIDTH LATIN CAPITAL LETTER A"),
        ("Affin\u{65}\u{301}.swift", "U+0301 COMBINING ACUTE ACCENT"),
        ("affine.swift", "a different normalization or case"),
    ])
    func lookalikes(name: String, difference: String) {
        let imitated = Lookalike.imitated(by: name, among: ["Affine.swift", "ReLU.swift"])
        #expect(imitated?.stub == "Affine.swift")
        #expect(imitated?.characters.contains(difference) == true)
    }

    @Test("a stub's own name and unrelated names are not lookalikes")
    func notLookalikes() {
        #expect(Lookalike.imitated(by: "Affine.swift", among: ["Affine.swift"]) == nil)
        #expect(Lookalike.imitated(by: "Helpers.swift", among: ["Affine.swift"]) == nil)
    }

    @Test("a submission lists a lookalike file as not graded, and the report warns")
    func lookalikeInSubmission() throws {
        let folder = try StaffSupport.folder(["\u{410}ffine.swift": "affine", "ReLU.swift": "relu"])
        let submission = try Submission.read(folder, student: "mallory", stubNames: ["Affine.swift", "ReLU.swift"])
        #expect(Set(submission.exerciseFiles.keys) == ["ReLU.swift"])
        #expect(submission.lookalikes.count == 1)
        #expect(submission.lookalikes.first?.contains("looks like Affine.swift but is not: U+0410 CYRILLIC CAPITAL LETTER A") == true)
    }
}
