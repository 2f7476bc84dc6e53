import Foundation
import Testing
@testable import AuthorKit
@testable import GraderKit

/// What the student edition withholds of the documents it ships: the sections an author
/// marks, unless course.json's `release.ship` names them, and the files
/// `release.withhold` lists.
@Suite("Withheld sections of the student edition")
struct WithheldSectionsTests {
    static let document = """
        # Batch norm
        Derive dx yourself.
        <!-- withhold: bn-result -->
        dx = SECRET FORMULA
        <!-- end withhold -->
        Then check it.
          <!-- withhold: answers -->
        ANSWER TO QUESTION 1
          <!-- end withhold -->
        """

    @Test("a marked section is replaced by a note, and its markers never ship")
    func withholdsByDefault() throws {
        let redaction = try WithheldSections.redact(Self.document, file: "doc.md", shipping: [])
        #expect(redaction.withheld == ["bn-result", "answers"])
        #expect(redaction.text == """
            # Batch norm
            Derive dx yourself.
            \(WithheldSections.note)
            Then check it.
            \(WithheldSections.note)
            """)
    }

    @Test("a marker inside a code block is an example, not a marker")
    func ignoresCodeBlocks() throws {
        let text = "Mark it:\n```markdown\n<!-- withhold: x -->\nsecret\n<!-- end withhold -->\n```\nDone."
        let redaction = try WithheldSections.redact(text, file: "guide.md", shipping: [])
        #expect(redaction.text == text && redaction.withheld.isEmpty)
    }

    @Test("a section named in release.ship keeps its text, without its markers")
    func shipsNamedSections() throws {
        let redaction = try WithheldSections.redact(Self.document, file: "doc.md", shipping: ["bn-result"])
        #expect(redaction.withheld == ["answers"])
        #expect(redaction.text.contains("dx = SECRET FORMULA"))
        #expect(!redaction.text.contains("ANSWER TO QUESTION 1"))
        #expect(!redaction.text.contains("<!--"))
    }

    @Test("a malformed marker stops the release, naming the file and line", arguments: [
        ("a\n<!-- withhold: x -->\nb", "doc.md:2: the withheld section 'x' is never closed"),
        ("<!-- withhold: x -->\n<!-- withhold: y -->\n<!-- end withhold -->", "doc.md:2: a withheld section starts inside 'x' (line 1)"),
        ("a\n<!-- end withhold -->", "doc.md:2: <!-- end withhold --> without a section to end"),
        ("<!-- withhold: two words -->\n<!-- end withhold -->", "doc.md:1: write a section's start as <!-- withhold: NAME -->"),
    ])
    func malformedMarkers(text: String, message: String) {
        #expect { try WithheldSections.redact(text, file: "doc.md", shipping: []) } throws: { "\($0)".hasPrefix(message) }
    }

    @Test("release.withhold leaves out whole files; marked documents ship redacted")
    func policyWithholdsFiles() throws {
        let checkout = TemporaryCheckout()
        defer { checkout.remove() }
        try checkout.write("docs/derivations.md", Self.document)
        try checkout.write("docs/solutions-after-deadline.md", "all the answers")
        try checkout.write("README.md", "# Course")
        let edition = try StudentEdition(root: checkout.root,
                                         tracked: ["README.md", "docs/derivations.md", "docs/solutions-after-deadline.md"],
                                         policy: ReleasePolicy(withhold: ["docs/solutions-after-deadline.md"]))
        #expect(edition.files == ["README.md", "docs/derivations.md"])
        #expect(edition.withheld.keys.map(\.path) == ["docs/solutions-after-deadline.md"])
        #expect(edition.summary.contains("docs/derivations.md") && edition.summary.contains("answers, bn-result"))
        let out = checkout.root.appendingPathComponent("student")
        try edition.write(to: out)
        let shipped = try String(contentsOf: out.appendingPathComponent("docs/derivations.md"), encoding: .utf8)
        #expect(!shipped.contains("SECRET FORMULA") && shipped.contains(WithheldSections.note))
        #expect(try String(contentsOf: out.appendingPathComponent("README.md"), encoding: .utf8) == "# Course")
    }

    @Test("course.json's release paths stay inside the checkout and its names are plain", arguments: [
        (#""release": {"withhold": ["../secret"]}"#, "release.withhold[0]: '../secret' must be a path inside the checkout"),
        (#""release": {"withhold": ["/etc"]}"#, "release.withhold[0]: '/etc' must be a path inside the checkout"),
        (#""release": {"ship": ["two words"]}"#, "release.ship[0]: 'two words' is not a section name"),
    ])
    func refusesBadPolicies(field: String, message: String) throws {
        let text = try String(contentsOf: CourseTests.shipped, encoding: .utf8)
            .replacingOccurrences(of: #""exercises": ["#, with: field + #", "exercises": ["#)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("course-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect { try Course.load(from: url, catalog: Judge.catalogByName) } throws: { "\($0)".contains(message) }
    }

    #if AUTHOR_EDITION
    /// The closed forms of the batch-norm backward pass that exercise 06 asks students to
    /// derive (docs/derivations.md §3.3, handout 06 §4), as the author wrote them.
    static let derivedResults = [
        "dx = (γ / (N · s)) · ( N · dout − dβ − x̂ · dγ )",
        "dx = (1 / (N · s)) · ( N · dx̂ − Σ_i dx̂_i − x̂ · Σ_i dx̂_i · x̂_i )",
        "dx = (1 / (D · s)) · ( D · dx̂  −  Σ_j dx̂  −  x̂ · Σ_j dx̂ · x̂ )",
    ]

    @Test("this checkout's release withholds the derivation results by default")
    func thisCheckoutWithholdsResults() throws {
        let course = try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName)
        let edition = try StudentEdition(root: BuiltProducts.checkout, policy: course.release ?? ReleasePolicy())
        for file in ["docs/derivations.md", "assignments/06-batchnorm/README.md", "assignments/07-layernorm/README.md"] {
            let original = try String(contentsOf: BuiltProducts.checkout.appendingPathComponent(file), encoding: .utf8)
            let shipped = try #require(edition.redacted[file], "\(file) has no withheld section").text
            #expect(Self.derivedResults.contains { original.contains($0) }, "\(file) no longer states a result; update derivedResults")
            for result in Self.derivedResults { #expect(!shipped.contains(result), "\(file) ships \(result)") }
        }
    }
    #endif
}
