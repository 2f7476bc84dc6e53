import Foundation
import GraderKit

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
    /// With more than one, each keeps to one core (`StaffGrader.judge`'s `everyCore`).
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

    /// A report found in the output folder, trusted only if its seal verifies under
    /// the grading folder's key (``ReportSeal``) and it was graded with this run's seed.
    /// - Returns: the report, or why it is not trusted; `nil` when there is none.
    func earlierReport(_ student: String) -> Result<StaffReport, SubmissionError>? {
        let file = reportFile(student)
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        guard let seal = try? String(contentsOf: ReportSeal.sealFile(of: file), encoding: .utf8),
              grader.seal.verifies(data, student: student, seal: seal) else {
            return .failure(SubmissionError("its report does not verify against the grading key (edited, forged, or from another grading folder)"))
        }
        guard let report = try? StaffReport.decode(data), report.student == student else {
            return .failure(SubmissionError("its report cannot be read"))
        }
        guard report.report.seed == grader.seed else {
            return .failure(SubmissionError("its report was graded with seed \(report.report.seed), not \(grader.seed)"))
        }
        return .success(report)
    }

    /// Grades every submission without a trusted report (all of them with ``force``),
    /// then writes scores.csv and summary.md from the reports graded in this run and
    /// the trusted ones of earlier runs: never from whatever JSON is in the folder.
    /// - Parameter progress: told one line per submission.
    /// - Returns: the reports of every submission in the folder, in student order.
    public func run(progress: @escaping @Sendable (String) -> Void) throws -> [StaffReport] {
        let fm = FileManager.default
        try fm.createDirectory(at: output, withIntermediateDirectories: true)
        let all = try ClassGrading.submissions(in: submissions)
        let results = Results()
        var pending: [(student: String, url: URL)] = []
        for submission in all {
            guard !force, let earlier = earlierReport(submission.student) else {
                pending.append(submission)
                continue
            }
            switch earlier {
            case .success(let report):
                results.add(report)
            case .failure(let distrust):
                progress("\(SafeText.inline(submission.student)): graded again: \(distrust)")
                pending.append(submission)
            }
        }
        if pending.count < all.count {
            progress("Skipping \(all.count - pending.count) submissions graded before (--force grades them again).")
        }
        let count = pending.count
        let judging = DispatchQueue(label: "grade-all.judging", attributes: .concurrent)
        let slots = DispatchSemaphore(value: jobs)
        // With more than one job, each worker judged at once runs as its slot's user.
        let users = jobs > 1 ? JudgingSlots(count: jobs) : nil
        let group = DispatchGroup()
        for (index, submission) in pending.enumerated() {
            slots.wait()
            let built: StaffGrader.Built
            do {
                built = try grader.build(submission.url, student: submission.student)
            } catch {
                // The slot goes back before the error does: libdispatch traps on a
                // semaphore released with fewer slots than it was made with.
                slots.signal()
                group.wait()
                throw error
            }
            let finish: @Sendable () -> Void = { [self] in
                defer { slots.signal() }
                let slot = users?.take()
                let report = grader.judge(built, user: slot.map(JudgingSlots.user(of:)), everyCore: jobs <= 1)
                if let slot { users?.give(slot) }
                results.add(report)
                do {
                    try writeReport(report)
                    progress("[\(index + 1)/\(count)] \(SafeText.inline(report.student)): \(TextReport.format(report.points))/\(TextReport.format(report.maxPoints)) points"
                        + (report.refused == nil ? "" : " (not graded)") + String(format: " in %.1f s", report.seconds)
                        + (report.notices == nil ? "" : "; the staging area had been changed and was restored first"))
                } catch {
                    results.fail("\(report.student): cannot write the report: \(error)")
                }
            }
            if jobs > 1 { judging.async(group: group, execute: finish) } else { finish() }
        }
        group.wait()
        if let first = results.firstFailure { throw SubmissionError(first) }

        let reports = results.reports.sorted { $0.student < $1.student }
        let summary = ClassSummary(course: grader.course, reports: reports)
        try ClassGrading.writeAtomically(Data(summary.csv().utf8), to: output.appendingPathComponent("scores.csv"))
        try ClassGrading.writeAtomically(Data(summary.markdown().utf8), to: output.appendingPathComponent("summary.md"))
        return reports
    }

    /// Writes a student's text report, then the JSON one and its seal (last: they mark
    /// the submission as graded), each all at once.
    public func writeReport(_ report: StaffReport) throws {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try ClassGrading.writeAtomically(Data(report.text().utf8), to: output.appendingPathComponent(report.student + ".txt"))
        let json = try report.json()
        try ClassGrading.writeAtomically(json, to: reportFile(report.student))
        try ClassGrading.writeAtomically(Data(grader.seal.seal(json, student: report.student).utf8),
                                         to: ReportSeal.sealFile(of: reportFile(report.student)))
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

    /// The reports and problems of the judging threads.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [StaffReport] = []
        private var failures: [String] = []
        func add(_ report: StaffReport) { lock.withLock { all.append(report) } }
        func fail(_ message: String) { lock.withLock { failures.append(message) } }
        var reports: [StaffReport] { lock.withLock { all } }
        var firstFailure: String? { lock.withLock { failures.first } }
    }
}
