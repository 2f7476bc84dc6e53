import Foundation

/// The report a student reads: a table of exercises, the details of failing checks,
/// and the next thing to do.
public enum TextReport {
    /// The progress table, then details for `detailed` exercises (or, when `nil`, for
    /// the first exercise that is started but not passing), then the next step.
    public static func render(_ report: Report, style: TextStyle, detailed: [String]? = nil) -> String {
        var lines: [String] = []
        let who = report.implementation == "student" ? "your code" : "the reference solutions"
        lines.append(style.bold("BackpropLab — grading \(who)"))
        lines.append("")
        let nameWidth = max(10, report.exercises.map(\.name.count).max() ?? 0)
        let titleWidth = max(10, report.exercises.map(\.title.count).max() ?? 0)
        for e in report.exercises {
            let score = e.status == .disabled ? "disabled" : "\(format(e.points))/\(format(e.maxPoints))"
            var line = "  \(style.symbol(e.status)) \(pad(e.name, nameWidth))  \(pad(e.title, titleWidth))  \(pad(score, 9))"
            if let summary = summary(e) { line += "  " + style.dim(summary) }
            lines.append(line)
        }
        lines.append("")
        let showDetails = detailed ?? report.exercises
            .first { $0.status == .failed || $0.status == .crashed }.map { [$0.name] } ?? []
        for e in report.exercises where showDetails.contains(e.name) {
            lines.append(contentsOf: details(e, style: style))
            lines.append("")
        }
        lines.append("Points: \(format(report.points))/\(format(report.maxPoints))")
        lines.append(nextStep(report, partial: detailed != nil))
        if let sandbox = report.sandbox { lines.append(style.dim(sandbox.summary)) }
        if !report.output.isEmpty {
            lines.append("")
            lines.append(style.dim("Your code printed (standard output, shown for debugging):"))
            lines.append(contentsOf: report.output.split(separator: "\n", omittingEmptySubsequences: false)
                .prefix(40).map { "  │ " + SafeText.block(String($0)) })
        }
        return lines.joined(separator: "\n")
    }

    /// Every check of one exercise, with what went wrong.
    public static func details(_ e: ExerciseResult, style: TextStyle) -> [String] {
        var lines = [style.bold("\(e.name) — \(e.title)") + style.dim("  (\(e.stubFile))")]
        var named: Set<String> = []   // a known mistake's hint is said once per exercise
        for c in e.checks {
            lines.append("  \(style.symbol(c.status)) \(c.id): \(c.title)  \(style.dim("\(format(c.points))/\(format(c.maxPoints))"))")
            if let set = c.fixtureSet { lines.append("      on the \(set) fixtures:") }
            if let problem = c.problem { lines += problem.split(separator: "\n").map { "      " + $0 } }
            if let f = c.failure {
                lines.append("      " + f.message)
                if let m = f.comparison { lines.append("      " + describe(m)) }
                if let d = c.diagnosis, !named.insert(d.mistake).inserted {
                    lines.append("      " + style.yellow("The same known mistake as above: ") + d.title + ".")
                } else if let d = c.diagnosis {
                    lines.append("      " + style.yellow("This looks like a known mistake: ") + d.title + ".")
                    lines.append("      " + d.hint)
                } else {
                    if let difference = f.difference { lines.append("      " + style.yellow("What differs: ") + difference) }
                    if let hint = f.hint { lines.append("      " + style.yellow("hint: ") + hint) }
                }
            }
        }
        return lines
    }

    /// An error: "relative error 3.1e-01 > threshold 1e-10; largest at [3, 1]: got 0.2134,
    /// expected -0.5512". A score, which must be at least its threshold, is one number:
    /// "accuracy 0.6, needs ≥ 0.98".
    public static func describe(_ m: Comparison) -> String {
        let measure = m.measure ?? "relative error"
        if m.direction == .atLeast {
            return "\(measure) \(significant(m.error)), needs \(m.direction.symbol) \(significant(m.threshold))"
        }
        var text = "\(measure) \(scientific(m.error)) \(m.passed ? "≤" : ">") threshold \(scientific(m.threshold))"
        if m.measure == nil || !m.index.isEmpty {
            let at = m.index.isEmpty ? "" : " at [\(m.index.map(String.init).joined(separator: ", "))]"
            text += "; largest\(at): got \(significant(m.got)), expected \(significant(m.expected))"
        } else {
            text += "; got \(significant(m.got)), expected \(significant(m.expected))"
        }
        return text
    }

    static func summary(_ e: ExerciseResult) -> String? {
        switch e.status {
        case .passed, .disabled: return nil
        case .notStarted: return "not started"
        case .crashed:
            let c = e.checks.first { [.crashed, .timedOut, .error].contains($0.status) }
            return c?.problem.map { String($0.prefix { $0 != "\n" }.prefix(90)) }
        case .failed:
            let failing = e.checks.filter { $0.status != .passed }
            let started = failing.filter { $0.status != .notStarted }
            let names = (started.isEmpty ? failing : started).map(\.id)
            return "\(e.checks.count - failing.count)/\(e.checks.count) checks pass; failing: \(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? ", …" : "")"
        }
    }

    static func nextStep(_ report: Report, partial: Bool) -> String {
        guard let next = report.exercises.first(where: { $0.status != .passed && $0.status != .disabled }) else {
            if partial {
                return "\(report.exercises.map(\.name).joined(separator: ", ")) \(report.exercises.count == 1 ? "passes" : "pass"). Run `swift run grader` to see what is next."
            }
            return "Every exercise passes. Train your networks: swift run -c release lab train --help"
        }
        switch next.status {
        case .notStarted:
            return "Next: implement \(next.name) in \(next.stubFile) (handout: \(next.handout)), then run `swift run grader check \(next.name)`."
        default:
            return "Next: fix \(next.name) in \(next.stubFile), then run `swift run grader check \(next.name)`."
        }
    }

    public static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    public static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
    }

    static func scientific(_ x: Double) -> String {
        x.isNaN ? "nan" : x.isInfinite ? "inf" : String(format: "%.1e", x)
    }

    static func significant(_ x: Double) -> String { String(format: "%.6g", x) }
}
