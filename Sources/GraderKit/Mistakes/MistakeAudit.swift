import Foundation

/// `grader mistakes`: grades every catalogued mistake, records what each one produces
/// in the checks it fails (its signature), and says for each whether the grader
/// catches it and names it as itself.
public struct MistakeAudit {
    /// One catalogued mistake, as `grader-worker-mistakes --list` describes it.
    public struct Entry: Sendable, Hashable, Codable {
        public var id: String
        public var exercise: String
        public var title: String
        public var hint: String
    }

    /// What the audit found for one mistake.
    public struct Row: Sendable, Hashable {
        public var mistake: Entry
        /// The checks it fails.
        public var caughtBy: [String]
        /// What those failures are diagnosed as (mistake ids, in check order).
        public var namedAs: [String]
        /// Other mistakes whose signatures it also matches: the fixtures cannot tell
        /// them apart.
        public var confusedWith: [String]

        public var caught: Bool { !caughtBy.isEmpty }
        public var named: Bool { !namedAs.isEmpty && namedAs.allSatisfy { $0 == mistake.id } && confusedWith.isEmpty }
    }

    public var judge: Judge
    /// The `grader-worker-mistakes` executable.
    public var worker: URL

    public init(judge: Judge, worker: URL) {
        self.judge = judge
        self.worker = worker
    }

    /// The catalogue, from the worker.
    public func catalogue() throws -> [Entry] {
        let process = Process()
        process.executableURL = worker
        process.arguments = ["--list"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError(path: worker.path, problem: "`--list` exited with status \(process.terminationStatus)")
        }
        return try JSONDecoder().decode([Entry].self, from: data)
    }

    /// Grades every mistake and compares their signatures.
    /// - Returns: one row per mistake, and the fresh signatures by exercise.
    public func run(_ entries: [Entry]) -> (rows: [Row], signatures: [String: [MistakeSignature]]) {
        var signatures: [String: [MistakeSignature]] = [:]
        var failures: [String: [CheckResult]] = [:]
        for entry in entries {
            var j = judge
            j.worker.executable = worker
            j.worker.arguments = ["--mistake", entry.id]
            j.signatures = [entry.exercise: []]
            let report = j.grade([entry.exercise], implementation: "mistake \(entry.id)")
            let failed = report.exercises.flatMap(\.checks).filter { $0.status != .passed }
            failures[entry.id] = failed
            let observed = Dictionary(uniqueKeysWithValues: failed.filter { $0.status == .failed }.map { ($0.id, $0.observations) })
            signatures[entry.exercise, default: []].append(MistakeSignature(
                id: entry.id, exercise: entry.exercise, title: entry.title, hint: entry.hint, observations: observed))
        }
        let tolerances = Dictionary(uniqueKeysWithValues: Judge.catalog.flatMap { e in
            e.checks.map { ("\(e.name)/\($0.id)", $0.diagnosisTolerance) }
        })
        let rows = entries.map { entry -> Row in
            let failed = failures[entry.id] ?? []
            var named: [String] = [], confused = Set<String>()
            for check in failed where check.status == .failed {
                let tolerance = tolerances["\(entry.exercise)/\(check.id)"] ?? 1e-6
                let matching = (signatures[entry.exercise] ?? []).filter {
                    $0.matches(check: check.id, check.observations, tolerance: tolerance)
                }
                if let first = matching.first { named.append(first.id) }
                confused.formUnion(matching.map(\.id).filter { $0 != entry.id })
            }
            return Row(mistake: entry, caughtBy: failed.map { "\($0.id)\($0.status == .failed ? "" : " (\($0.status.rawValue))")" },
                       namedAs: named, confusedWith: confused.sorted())
        }
        return (rows, signatures)
    }

    /// The audit as a table, gaps listed last.
    public static func table(_ rows: [Row]) -> String {
        var lines = ["mistake | caught by | named as | ", "--- | --- | --- | ---"]
        for r in rows {
            let verdict = r.caught && r.named ? "✓" : "GAP"
            lines.append("\(r.mistake.id) | \(r.caughtBy.isEmpty ? "—" : r.caughtBy.joined(separator: ", ")) | \(r.namedAs.isEmpty ? "—" : Array(Set(r.namedAs)).sorted().joined(separator: ", ")) | \(verdict)")
        }
        let caught = rows.filter(\.caught).count, named = rows.filter { $0.caught && $0.named }.count
        lines.append("")
        lines.append("\(rows.count) mistakes: \(caught) caught (\(percent(caught, rows.count))), \(named) named as themselves (\(percent(named, rows.count))).")
        let gaps = rows.filter { !($0.caught && $0.named) }
        if !gaps.isEmpty {
            lines.append("Gaps:")
            for g in gaps {
                var why: [String] = []
                if !g.caught { why.append("no check fails") }
                if g.caught && g.namedAs.isEmpty { why.append("no signature matches its failures") }
                if g.namedAs.contains(where: { $0 != g.mistake.id }) { why.append("named as \(Set(g.namedAs).subtracting([g.mistake.id]).sorted().joined(separator: ", "))") }
                if !g.confusedWith.isEmpty { why.append("indistinguishable on the fixtures from \(g.confusedWith.joined(separator: ", ")): the fixtures need another case") }
                lines.append("  - \(g.mistake.id): \(why.joined(separator: "; "))")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ a: Int, _ b: Int) -> String { b == 0 ? "—" : "\(a * 100 / b)%" }
}
