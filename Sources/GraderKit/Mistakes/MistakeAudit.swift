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
    public struct Row: Sendable, Hashable, Encodable {
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

        private enum CodingKeys: String, CodingKey { case id, exercise, title, caughtBy, namedAs, confusedWith, caught, named }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(mistake.id, forKey: .id)
            try container.encode(mistake.exercise, forKey: .exercise)
            try container.encode(mistake.title, forKey: .title)
            try container.encode(caughtBy, forKey: .caughtBy)
            try container.encode(Array(Set(namedAs)).sorted(), forKey: .namedAs)
            try container.encode(confusedWith, forKey: .confusedWith)
            try container.encode(caught, forKey: .caught)
            try container.encode(named, forKey: .named)
        }
    }

    public var judge: Judge
    /// The `grader-worker-mistakes` executable.
    public var worker: URL
    /// The reference's worker: what a check observes of the reference is no evidence of
    /// any mistake, so a signature keeps only the checks where its mistake differs.
    public var reference: URL

    public init(judge: Judge, worker: URL, reference: URL) {
        self.judge = judge
        self.worker = worker
        self.reference = reference
    }

    /// The catalogue, from the mistakes worker.
    public static func catalogue(worker: URL) throws -> [Entry] {
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
        let tolerances = Dictionary(uniqueKeysWithValues: Judge.catalog.flatMap { e in
            e.checks.map { ("\(e.name)/\($0.id)", $0.diagnosisTolerance) }
        })
        var referenceJudge = judge
        referenceJudge.worker.executable = reference
        referenceJudge.worker.arguments = []
        referenceJudge.signatures = [:]
        let exercises = Array(Set(entries.map(\.exercise)))
        let referenceObservations = Dictionary(uniqueKeysWithValues:
            referenceJudge.grade(exercises, implementation: "solutions").exercises.flatMap { exercise in
                exercise.checks.map { ("\(exercise.name)/\($0.id)", $0.observations) }
            })
        for entry in entries {
            var j = judge
            j.worker.executable = worker
            j.worker.arguments = ["--mistake", entry.id]
            j.signatures = [entry.exercise: []]
            let report = j.grade([entry.exercise], implementation: "mistake \(entry.id)")
            let failed = report.exercises.flatMap(\.checks).filter { $0.status != .passed }
            failures[entry.id] = failed
            // A check whose observations are the reference's is no evidence of this
            // mistake (say, backwardAlt's output when only backward is wrong): any
            // other mistake failing that check would match it.
            let distinguishing = failed.filter { check in
                guard check.status == .failed, !check.observations.isEmpty else { return false }
                let key = "\(entry.exercise)/\(check.id)"
                let same = MistakeSignature(id: "reference", exercise: entry.exercise, title: "", hint: "",
                                            observations: [check.id: referenceObservations[key] ?? [:]])
                return !same.matches(check: check.id, check.observations, tolerance: tolerances[key] ?? 1e-6)
            }
            let observed = Dictionary(uniqueKeysWithValues: distinguishing.map { ($0.id, $0.observations) })
            signatures[entry.exercise, default: []].append(MistakeSignature(
                id: entry.id, exercise: entry.exercise, title: entry.title, hint: entry.hint, observations: observed,
                failing: Set(failed.filter { $0.status == .failed }.map(\.id))))
        }
        let rows = entries.map { entry -> Row in
            let failed = failures[entry.id] ?? []
            // Named as a student's submission would be: from the evidence of every check.
            let evidence = Dictionary(uniqueKeysWithValues: failed.filter { $0.status == .failed }.map { ($0.id, $0.observations) })
            let exercise = Judge.catalogByName[entry.exercise]!
            let explained = Judge.explained(by: evidence, among: signatures[entry.exercise] ?? [], exercise: exercise)
            let named = failed.filter { $0.status == .failed }.compactMap { Judge.name(for: $0.id, explained: explained)?.id }
            let own = explained.first { $0.id == entry.id }?.observations.count ?? 0
            let confused = explained.filter { $0.id != entry.id && $0.observations.count >= own }.map(\.id)
            return Row(mistake: entry, caughtBy: failed.map { "\($0.id)\($0.status == .failed ? "" : " (\($0.status.rawValue))")" },
                       namedAs: named, confusedWith: confused.sorted())
        }
        return (rows, signatures)
    }

    /// The audit as JSON: `{"mistakes": [row…], "caught": n, "named": n, "total": n}`,
    /// keys sorted; each row has `id`, `exercise`, `title`, `caughtBy`, `namedAs`,
    /// `confusedWith`, `caught` and `named`.
    public static func json(_ rows: [Row]) throws -> Data {
        struct Document: Encodable {
            var mistakes: [Row]
            var total: Int, caught: Int, named: Int
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Document(mistakes: rows, total: rows.count, caught: rows.filter(\.caught).count,
                                           named: rows.filter { $0.caught && $0.named }.count)) + Data("\n".utf8)
    }

    /// The audit as a table, one mistake a row with its title, gaps listed last.
    public static func table(_ rows: [Row]) -> String {
        var lines = ["mistake | title | caught by | named as | ", "--- | --- | --- | --- | ---"]
        for r in rows {
            let verdict = r.caught && r.named ? "✓" : "GAP"
            lines.append("\(r.mistake.id) | \(r.mistake.title) | \(r.caughtBy.isEmpty ? "—" : r.caughtBy.joined(separator: ", ")) | \(r.namedAs.isEmpty ? "—" : Array(Set(r.namedAs)).sorted().joined(separator: ", ")) | \(verdict)")
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
                if g.caught && g.namedAs.isEmpty { why.append("no signature matches its failures (or it fails no check differently from the reference)") }
                if g.namedAs.contains(where: { $0 != g.mistake.id }) { why.append("named as \(Set(g.namedAs).subtracting([g.mistake.id]).sorted().joined(separator: ", "))") }
                if !g.confusedWith.isEmpty { why.append("indistinguishable on the fixtures from \(g.confusedWith.joined(separator: ", ")): the fixtures need another case") }
                lines.append("  - \(g.mistake.id): \(why.joined(separator: "; "))")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ a: Int, _ b: Int) -> String { b == 0 ? "—" : "\(a * 100 / b)%" }
}
