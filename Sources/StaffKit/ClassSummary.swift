import Foundation
import GraderKit

/// A class's results at a glance: `scores.csv` for the grade book, and `summary.md`
/// for the lecturer: how each exercise went, and which mistakes were most common.
public struct ClassSummary: Sendable {
    public var course: Course
    /// One report per student.
    public var reports: [StaffReport]

    public init(course: Course, reports: [StaffReport]) {
        self.course = course
        self.reports = reports.sorted { $0.student < $1.student }
    }

    /// The enabled exercises' names, in course order.
    var exercises: [String] { course.enabledExercises.map(\.name) }

    /// The points of an exercise in a report (0 when it is missing).
    func points(_ report: StaffReport, _ exercise: String) -> Double {
        report.report.exercises.first { $0.name == exercise }?.points ?? 0
    }

    /// The most points an exercise is worth.
    func maxPoints(_ exercise: String) -> Double {
        course.exercises.first { $0.name == exercise }?.checks.values.reduce(0) { $0 + $1.points } ?? 0
    }

    // MARK: - scores.csv

    /// One row per student: points per exercise, the total, and a note on what kept a
    /// submission from being graded in full.
    public func csv() -> String {
        var lines = [(["student"] + exercises + ["total", "notes"]).map(ClassSummary.csvField).joined(separator: ",")]
        for report in reports {
            var notes: [String] = []
            if let refused = report.refused { notes.append("not graded: " + refused.prefix(200)) }
            if !report.compileFailures.isEmpty {
                notes.append("did not compile: " + report.compileFailures.map { ($0.file as NSString).lastPathComponent }.joined(separator: " "))
            }
            let fields = [SafeText.inline(report.student)] + exercises.map { TextReport.format(points(report, $0)) }
                + [TextReport.format(report.points), SafeText.inline(notes.joined(separator: "; "))]
            lines.append(fields.map(ClassSummary.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - summary.md

    /// The distribution of scores per exercise, the most frequent diagnosed mistakes,
    /// the checks failed most often, and the build and runtime problems.
    public func markdown() -> String {
        var lines = ["# \(course.title): class summary", ""]
        let refused = reports.filter { $0.refused != nil }
        let seeds = Set(reports.map(\.report.seed)).sorted()
        lines.append("\(reports.count) submissions; \(refused.count) could not be graded. Seed\(seeds.count == 1 ? "" : "s") of the fresh fixtures: \(seeds.map(String.init).joined(separator: ", ")).")
        lines.append("")

        lines.append("## Scores per exercise")
        lines.append("")
        let buckets = ["0–20%", "20–40%", "40–60%", "60–80%", "80–100%"]
        lines.append("| exercise | worth | min | median | mean | max | full marks | " + buckets.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---:|", count: 6 + buckets.count))
        for name in exercises + ["total"] {
            let worth = name == "total" ? exercises.reduce(0) { $0 + maxPoints($1) } : maxPoints(name)
            let scores = reports.map { name == "total" ? $0.points : points($0, name) }
            lines.append("| \(name) | \(TextReport.format(worth)) | " + ClassSummary.statistics(scores, worth: worth, buckets: buckets.count)
                .joined(separator: " | ") + " |")
        }
        lines.append("")

        lines.append("## Most frequent diagnosed mistakes")
        lines.append("")
        var mistakes: [String: (title: String, hint: String, students: Set<String>, checks: Set<String>)] = [:]
        for report in reports {
            for exercise in report.report.exercises {
                for check in exercise.checks {
                    guard let d = check.diagnosis else { continue }
                    mistakes[d.mistake, default: (d.title, d.hint, [], [])].students.insert(report.student)
                    mistakes[d.mistake]!.checks.insert("\(exercise.name)/\(check.id)")
                }
            }
        }
        if mistakes.isEmpty {
            lines.append("No failure matched a known mistake.")
        } else {
            lines.append("| students | mistake | seen in | what to revisit |")
            lines.append("|---:|---|---|---|")
            for (id, m) in mistakes.sorted(by: { ($1.value.students.count, $0.key) < ($0.value.students.count, $1.key) }) {
                lines.append("| \(m.students.count) | \(m.title) (`\(id)`) | \(m.checks.sorted().joined(separator: ", ")) | \(m.hint) |")
            }
        }
        lines.append("")

        lines.append("## Checks failed most often")
        lines.append("")
        var failing: [String: (failed: Int, notStarted: Int, crashed: Int)] = [:]
        for report in reports where report.refused == nil {
            for exercise in report.report.exercises {
                for check in exercise.checks where check.status != .passed {
                    let key = "\(exercise.name)/\(check.id)"
                    switch check.status {
                    case .failed: failing[key, default: (0, 0, 0)].failed += 1
                    case .notStarted: failing[key, default: (0, 0, 0)].notStarted += 1
                    default: failing[key, default: (0, 0, 0)].crashed += 1
                    }
                }
            }
        }
        let attempted = failing.filter { $0.value.failed + $0.value.crashed > 0 }
            .sorted { ($1.value.failed + $1.value.crashed, $0.key) < ($0.value.failed + $0.value.crashed, $1.key) }
        if attempted.isEmpty {
            lines.append("No check failed on an attempted exercise.")
        } else {
            lines.append("Counted over started exercises (a stub is \"not started\", not a failure).")
            lines.append("")
            lines.append("| check | wrong | crashed or timed out | not started |")
            lines.append("|---|---:|---:|---:|")
            for (key, counts) in attempted.prefix(15) {
                lines.append("| \(key) | \(counts.failed) | \(counts.crashed) | \(counts.notStarted) |")
            }
        }
        lines.append("")

        let compile = reports.flatMap { r in r.compileFailures.map { (r.student, $0.file) } }
        if !compile.isEmpty || !refused.isEmpty {
            lines.append("## Submissions with problems")
            lines.append("")
            for (student, file) in compile { lines.append("- \(SafeText.inline(student)): \(file) did not compile (graded as the stub)") }
            for report in refused {
                lines.append("- \(SafeText.inline(report.student)): not graded: \(SafeText.inline(String(report.refused!.split(separator: "\n").first ?? "")))")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// min, median, mean, max, the number with full marks, and the count in each of
    /// `buckets` equal slices of `0…worth` (the last one closed).
    static func statistics(_ scores: [Double], worth: Double, buckets: Int) -> [String] {
        guard !scores.isEmpty else { return Array(repeating: "–", count: 5 + buckets) }
        let sorted = scores.sorted()
        let n = sorted.count
        let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        let mean = sorted.reduce(0, +) / Double(n)
        var counts = Array(repeating: 0, count: buckets)
        for s in sorted {
            let fraction = worth > 0 ? s / worth : 1
            counts[min(buckets - 1, max(0, Int(fraction * Double(buckets))))] += 1
        }
        let full = sorted.filter { worth > 0 && $0 >= worth }.count
        return [sorted[0], median, mean, sorted[n - 1]].map { String(format: "%.1f", $0) } + [String(full)] + counts.map(String.init)
    }
}
