import Foundation

/// `grader grade-all`: grades every submission in a folder, writing each report as
/// soon as it is done, so an interrupted run keeps what it finished and the next run
/// picks up where it stopped.
public struct ClassGrading: Sendable {
    public var grader: StaffGrader
    /// The folder of submissions: one subfolder or .zip per student.
    public var submissions: URL
    /// Where the reports, scores.csv and summary.md go.
    public var output: URL
    /// Grade again submissions that already have a report.
    public var force = false
    /// How many built submissions may be judged at once (builds take turns in the stage).
    public var jobs = 1

    public init(grader: StaffGrader, submissions: URL, output: URL, force: Bool = false, jobs: Int = 1) {
        self.grader = grader
        self.submissions = submissions
        self.output = output
        self.force = force
        self.jobs = jobs
    }

    /// The submissions in a folder, by student, sorted: every subfolder and .zip whose
    /// name does not start with a dot.
    public static func submissions(in folder: URL) throws -> [(student: String, url: URL)] {
        let fm = FileManager.default
        var found: [String: URL] = [:]
        for name in try fm.contentsOfDirectory(atPath: folder.path).sorted() where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory),
                  isDirectory.boolValue || url.pathExtension.lowercased() == "zip" else { continue }
            let student = StaffGrader.student(of: url)
            if found[student] == nil || isDirectory.boolValue { found[student] = url }
        }
        return found.keys.sorted().map { ($0, found[$0]!) }
    }

    /// The JSON report of a student, whose presence marks the submission as graded.
    public func reportFile(_ student: String) -> URL { output.appendingPathComponent(student + ".json") }

    /// Grades every submission without a report (all of them with ``force``), then
    /// writes scores.csv and summary.md over every report in the output folder.
    /// - Parameter progress: told one line per submission.
    /// - Returns: the reports of every submission in the folder, in student order.
    public func run(progress: @escaping @Sendable (String) -> Void) throws -> [StaffReport] {
        let fm = FileManager.default
        try fm.createDirectory(at: output, withIntermediateDirectories: true)
        let all = try ClassGrading.submissions(in: submissions)
        let pending = all.filter { force || !fm.fileExists(atPath: reportFile($0.student).path) }
        if pending.count < all.count {
            progress("Skipping \(all.count - pending.count) submissions graded before (--force grades them again).")
        }
        let workers = grader.staging.folder.appendingPathComponent("workers")
        let judging = DispatchQueue(label: "grade-all.judging", attributes: .concurrent)
        let slots = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        let failures = Failures()
        for (index, submission) in pending.enumerated() {
            slots.wait()
            let copy = jobs > 1 ? workers.appendingPathComponent("\(index)-grader-worker") : nil
            let built = grader.build(submission.url, student: submission.student, keepingWorkerAt: copy)
            let finish: @Sendable () -> Void = { [self] in
                defer { slots.signal() }
                let report = grader.judge(built)
                if let copy { try? FileManager.default.removeItem(at: copy) }
                do {
                    try writeReport(report)
                    progress("[\(index + 1)/\(pending.count)] \(report.student): \(TextReport.format(report.points))/\(TextReport.format(report.maxPoints)) points"
                        + (report.refused == nil ? "" : " (not graded)") + String(format: " in %.1f s", report.seconds))
                } catch {
                    failures.add("\(report.student): cannot write the report: \(error)")
                }
            }
            if jobs > 1 { judging.async(group: group, execute: finish) } else { finish() }
        }
        group.wait()
        if let first = failures.first { throw SubmissionError(first) }

        let reports = try all.compactMap { submission -> StaffReport? in
            let file = reportFile(submission.student)
            return fm.fileExists(atPath: file.path) ? try StaffReport.read(from: file) : nil
        }
        let summary = ClassSummary(course: grader.course, reports: reports)
        try ClassGrading.writeAtomically(Data(summary.csv().utf8), to: output.appendingPathComponent("scores.csv"))
        try ClassGrading.writeAtomically(Data(summary.markdown().utf8), to: output.appendingPathComponent("summary.md"))
        return reports
    }

    /// Writes a student's text report, then the JSON one (last: it marks the
    /// submission as graded), each all at once.
    public func writeReport(_ report: StaffReport) throws {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try ClassGrading.writeAtomically(Data(report.text().utf8), to: output.appendingPathComponent(report.student + ".txt"))
        try ClassGrading.writeAtomically(try report.json(), to: reportFile(report.student))
    }

    /// Writes to a temporary file in the same folder, then renames it over `url`: a
    /// reader (or a run killed half-way) sees the old file or the new one, never half.
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let problem = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw SubmissionError("cannot write \(url.path): \(problem)")
        }
    }

    /// Problems met by the judging threads.
    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []
        func add(_ message: String) { lock.withLock { messages.append(message) } }
        var first: String? { lock.withLock { messages.first } }
    }
}
