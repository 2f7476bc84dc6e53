import Foundation
import Testing
@testable import GraderKit

/// How known mistakes read: once per exercise in `grader check`, and as JSON from
/// `grader mistakes --json`.
@Suite("Known mistakes in reports")
struct KnownMistakeTextTests {
    static let averaged = Diagnosis(mistake: "affine-db-averaged", title: "db averaged over the batch instead of summed",
                                    hint: "Your db is N times too small.")

    static func failed(_ id: String) -> CheckResult {
        var result = CheckResult(id: id, title: "\(id) matches", status: .failed, points: 0, maxPoints: 3)
        result.failure = CheckFailure(message: "db differs")
        result.diagnosis = averaged
        return result
    }

    @Test("a mistake that fails two checks gives its hint once; the second check refers to it")
    func hintOncePerExercise() {
        let exercise = ExerciseResult(name: "affine", title: "Affine layer", stubFile: "Sources/Exercises/Affine.swift",
                                      handout: "assignments/01-affine/README.md", status: .failed,
                                      checks: [Self.failed("backward"), Self.failed("gradient")])
        #expect(TextReport.details(exercise, style: TextStyle(colors: false)) == [
            "affine — Affine layer  (Sources/Exercises/Affine.swift)",
            "  ✗ backward: backward matches  0/3",
            "      db differs",
            "      This looks like a known mistake: db averaged over the batch instead of summed.",
            "      Your db is N times too small.",
            "  ✗ gradient: gradient matches  0/3",
            "      db differs",
            "      The same known mistake as above: db averaged over the batch instead of summed.",
        ])
    }

    @Test("grader mistakes: a row per mistake with its title, the checks that catch it and its name")
    func auditAsTable() {
        let entry = MistakeAudit.Entry(id: "affine-db-averaged", exercise: "affine", title: "db averaged", hint: "…")
        let rows = [MistakeAudit.Row(mistake: entry, caughtBy: ["backward", "gradient"],
                                     namedAs: ["affine-db-averaged"], confusedWith: [])]
        #expect(MistakeAudit.table(rows).split(separator: "\n").map(String.init) == [
            "mistake | title | caught by | named as | ",
            "--- | --- | --- | --- | ---",
            "affine-db-averaged | db averaged | backward, gradient | affine-db-averaged | ✓",
            "1 mistakes: 1 caught (100%), 1 named as themselves (100%).",
        ])
    }

    @Test("grader mistakes --json: one object per mistake, with the totals")
    func auditAsJSON() throws {
        let entry = MistakeAudit.Entry(id: "affine-db-averaged", exercise: "affine", title: "db averaged", hint: "…")
        let rows = [MistakeAudit.Row(mistake: entry, caughtBy: ["backward", "gradient"],
                                     namedAs: ["affine-db-averaged", "affine-db-averaged"], confusedWith: [])]
        let document = try #require(try JSONSerialization.jsonObject(with: MistakeAudit.json(rows)) as? [String: Any])
        #expect(document["total"] as? Int == 1 && document["caught"] as? Int == 1 && document["named"] as? Int == 1)
        let row = try #require((document["mistakes"] as? [[String: Any]])?.first)
        #expect(row["id"] as? String == "affine-db-averaged" && row["exercise"] as? String == "affine")
        #expect(row["caughtBy"] as? [String] == ["backward", "gradient"])
        #expect(row["namedAs"] as? [String] == ["affine-db-averaged"])
        #expect(row["caught"] as? Bool == true && row["named"] as? Bool == true)
    }
}
