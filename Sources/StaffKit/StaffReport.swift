import Foundation
import GraderKit

/// Everything staff grading found about one submission: the judge's report plus what
/// a TA needs around it (the seed and fixture sets, the files taken and ignored, the
/// compiler's errors, the answers to grade by hand).
public struct StaffReport: Sendable, Hashable, Codable {
    /// The student, from the submission's name.
    public var student: String
    /// The checks' results; its `seed` reproduces the fresh fixtures (`--seed`).
    public var report: Report
    /// The fixture sets every check had to pass on, in order.
    public var fixtureSets: [String]
    /// Stub file → where in the submission the graded file was found.
    public var files: [String: String]
    /// What the submission held that was not graded.
    public var ignored: [String]
    /// Files the compiler rejected, graded as the shipped stubs.
    public var compileFailures: [CompileFailure]
    /// The student's `answers.md` files, verbatim.
    public var answers: [AnswerFile]
    /// Why the submission could not be graded at all (a refused archive, a course that
    /// does not build), if so.
    public var refused: String?
    /// How long grading took, in seconds (building included).
    public var seconds: Double
    /// What was found wrong with the course's files before this submission's build,
    /// and restored (see ``StaffGrader/verifyCourse()``).
    public var notices: [String]?
    /// Files whose names imitate a stub's, not graded (``Lookalike``).
    public var lookalikes: [String]?

    public var points: Double { report.points }
    public var maxPoints: Double { report.maxPoints }
}

extension StaffReport {
    /// The report as text: the grading's context, the student's report with every
    /// exercise in detail, and the answers. What came from the submission is escaped
    /// (``SafeText``).
    public func text(style: TextStyle = TextStyle(colors: false)) -> String {
        let safe = escapingSubmissionText()
        var lines = [style.bold("Submission: \(safe.student)"), safe.contextText(), ""]
        lines.append(TextReport.render(safe.report, style: style, detailed: safe.report.exercises.map(\.name)))
        lines.append(safe.answersText())
        return lines.joined(separator: "\n")
    }

    /// The report with every text that came from the submission escaped for a person
    /// to read: names, paths, compiler errors, answers, what the code printed, and the
    /// crash messages it wrote.
    public func escapingSubmissionText() -> StaffReport {
        var safe = self
        safe.student = SafeText.inline(student)
        safe.report = report.escapingSubmissionText()
        safe.files = files.mapValues(SafeText.inline)
        safe.ignored = ignored.map(SafeText.inline)
        safe.lookalikes = lookalikes?.map(SafeText.inline)
        safe.compileFailures = compileFailures.map { failure in
            var failure = failure
            failure.errors = failure.errors.map(SafeText.inline)
            return failure
        }
        safe.answers = answers.map { AnswerFile(path: SafeText.inline($0.path), text: SafeText.block($0.text)) }
        safe.refused = refused.map(SafeText.block)
        return safe
    }

    /// Seed, fixture sets, files taken, compile failures and ignored files.
    public func contextText() -> String {
        var lines: [String] = []
        if let refused { lines.append("NOT GRADED: \(refused)") }
        lines += (notices ?? []).map { "NOTE: " + $0 }
        if let lookalikes, !lookalikes.isEmpty {
            lines.append("WARNING: file names that imitate a stub's, NOT graded: " + lookalikes.joined(separator: "; "))
        }
        lines.append("Seed: \(report.seed)   (regrade with --seed \(report.seed))")
        lines.append("Fixture sets: \(fixtureSets.joined(separator: ", "))")
        lines.append("Files graded: " + (files.isEmpty ? "none (every exercise is graded as its stub)"
            : files.keys.sorted().map { files[$0] == $0 ? $0 : "\($0) (from \(files[$0]!))" }.joined(separator: ", ")))
        if !compileFailures.isEmpty {
            lines.append("Did not compile, graded as the shipped stub (no credit):")
            for failure in compileFailures {
                lines.append("  \(failure.file) — no credit for: \(failure.exercises.joined(separator: ", "))"
                    + (failure.afterSwapping.isEmpty ? ""
                       : " (it failed once \(failure.afterSwapping.joined(separator: ", ")) was graded as the stub)"))
                lines.append(contentsOf: failure.errors.prefix(10).map { "    " + $0 })
                if failure.errors.count > 10 { lines.append("    … \(failure.errors.count - 10) more errors") }
            }
        }
        if !ignored.isEmpty {
            lines.append("Ignored: " + ignored.prefix(50).joined(separator: ", ")
                + (ignored.count > 50 ? ", … (\(ignored.count - 50) more)" : ""))
        }
        return lines.joined(separator: "\n")
    }

    /// The answers files, verbatim, for manual grading.
    public func answersText() -> String {
        guard !answers.isEmpty else { return "\nAnswers for manual grading: none handed in." }
        var lines = ["", "Answers for manual grading:"]
        for answer in answers {
            lines.append("──── \(answer.path) ────")
            lines.append(answer.text)
        }
        return lines.joined(separator: "\n")
    }

    /// The report as JSON, keys sorted.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Reads a report written by ``json()``.
    public static func decode(_ data: Data) throws -> StaffReport {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(StaffReport.self, from: data)
    }

    /// Gradescope's results.json, with the grading's context and the answers in its
    /// overall output, everything from the submission escaped. Students see it, so
    /// what their code printed is left out unless `showOutput` (the staff report has
    /// it), and the paths in `redacting` (the staging folder, the checkout) are
    /// replaced by `<course>`.
    public func gradescope(showOutput: Bool = false, redacting paths: [String] = []) throws -> Data {
        var safe = escapingSubmissionText()
        if !showOutput { safe.report.output = "" }
        var data = try MachineReports.gradescope(safe.report, extraOutput: safe.contextText() + "\n" + safe.answersText())
        for path in paths.filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) {
            // JSON writes "/" as "\/".
            for form in [path, path.replacingOccurrences(of: "/", with: "\\/")] {
                data = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: form, with: "<course>").utf8)
            }
        }
        return data
    }
}
