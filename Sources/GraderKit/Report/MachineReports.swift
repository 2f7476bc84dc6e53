import Foundation

/// The report as JSON (`--json`), JUnit XML (`--junit`) and Gradescope's results.json
/// (`--gradescope`).
public enum MachineReports {
    /// The whole report as JSON, keys sorted.
    public static func json(_ report: Report) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(report)
    }

    /// JUnit XML: a test suite per exercise, a test case per check (with its `time`
    /// when it ran).
    public static func junit(_ report: Report) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        let failures = report.exercises.flatMap(\.checks).filter { $0.status == .failed }.count
        let errors = report.exercises.flatMap(\.checks).filter { [.crashed, .timedOut, .error].contains($0.status) }.count
        let total = report.exercises.flatMap(\.checks).count
        xml += #"<testsuites name="BackpropLab" tests="\#(total)" failures="\#(failures)" errors="\#(errors)">"# + "\n"
        for e in report.exercises {
            let f = e.checks.filter { $0.status == .failed }.count
            let err = e.checks.filter { [.crashed, .timedOut, .error].contains($0.status) }.count
            let skipped = e.checks.filter { $0.status == .notStarted }.count
            xml += #"  <testsuite name="\#(escape(e.name))" tests="\#(e.checks.count)" failures="\#(f)" errors="\#(err)" skipped="\#(skipped)">"# + "\n"
            for c in e.checks {
                let time = c.seconds.map { #" time="\#($0)""# } ?? ""
                xml += #"    <testcase classname="\#(escape(e.name))" name="\#(escape(c.id)): \#(escape(c.title))"\#(time)>"#
                switch c.status {
                case .passed: break
                case .failed:
                    xml += "\n" + #"      <failure message="\#(escape(c.failure?.message ?? "failed"))">\#(escape(detail(c)))</failure>"# + "\n    "
                case .notStarted:
                    xml += "\n" + #"      <skipped message="not started"/>"# + "\n    "
                case .crashed, .timedOut, .error:
                    xml += "\n" + #"      <error message="\#(escape(c.problem ?? c.status.rawValue))"/>"# + "\n    "
                }
                xml += "</testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    /// Gradescope's results.json: a test per check with `score`, `max_score`, `status`,
    /// `name` and `output`, and the total `score`.
    public static func gradescope(_ report: Report, extraOutput: String? = nil) throws -> Data {
        struct Test: Encodable {
            var name: String
            var score: Double
            var max_score: Double
            var status: String
            var output: String
            var visibility = "visible"
        }
        struct Results: Encodable {
            var score: Double
            var output: String
            var visibility = "visible"
            var stdout_visibility = "hidden"
            var tests: [Test]
        }
        let tests = report.exercises.flatMap { e in
            e.checks.map { c in
                Test(name: "\(e.name): \(c.title)", score: c.points, max_score: c.maxPoints,
                     status: c.status == .passed ? "passed" : "failed", output: detail(c))
            }
        }
        let output = TextReport.render(report, style: TextStyle(colors: false), detailed: report.exercises.map(\.name))
            + (extraOutput.map { "\n\n" + $0 } ?? "")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(Results(score: report.points, output: output, tests: tests))
    }

    /// A check's outcome in a few lines of plain text.
    static func detail(_ c: CheckResult) -> String {
        var lines: [String] = []
        switch c.status {
        case .passed: lines.append("passed" + (c.measured.map { " (" + TextReport.describe($0) + ")" } ?? ""))
        case .notStarted: lines.append("not started")
        default: break
        }
        if let set = c.fixtureSet { lines.append("on the \(set) fixtures:") }
        if let problem = c.problem { lines.append(problem) }
        if let f = c.failure {
            lines.append(f.message)
            if let m = f.comparison { lines.append(TextReport.describe(m)) }
            if let d = c.diagnosis {
                lines.append("This looks like a known mistake: \(d.title).")
                lines.append(d.hint)
            } else {
                if let difference = f.difference { lines.append("What differs: " + difference) }
                if let hint = f.hint { lines.append("hint: " + hint) }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if ch.value < 0x20 && ch != "\n" && ch != "\t" && ch != "\r" { out += "?" } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}
