import GraderKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Signs the reports grading writes, with HMAC-SHA256 under a key kept in the grading
/// folder (`report-key`, readable by its owner only), so that a resumed `grade-all`
/// trusts a report only if the grader itself wrote it: student code, which runs as
/// another user, cannot read the key, so it can neither forge a report nor edit one.
///
/// The seal of `alice.json` is `alice.json.seal`: the code, in hexadecimal, of the
/// student's name, a line break and the report's bytes (so one student's report
/// cannot be passed off as another's).
public struct ReportSeal: Sendable {
    let key: [UInt8]

    /// The key file's name in the grading folder.
    public static let keyFileName = "report-key"

    /// Reads the key in `folder`, or makes one (32 random bytes, mode 0600).
    public static func load(orCreateIn folder: URL) throws -> ReportSeal {
        let file = folder.appendingPathComponent(keyFileName)
        if let data = FileManager.default.contents(atPath: file.path), data.count == 32 {
            _ = chmod(file.path, 0o600)
            return ReportSeal(key: [UInt8](data))
        }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SubmissionError("cannot write the report key \(file.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        _ = fchmod(fd, 0o600)
        guard key.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == key.count else {
            throw SubmissionError("cannot write the report key \(file.path)")
        }
        return ReportSeal(key: key)
    }

    /// The seal file of a report file (`alice.json` → `alice.json.seal`).
    public static func sealFile(of report: URL) -> URL {
        report.deletingLastPathComponent().appendingPathComponent(report.lastPathComponent + ".seal")
    }

    /// The seal of `report`, the JSON of `student`'s report.
    public func seal(_ report: Data, student: String) -> String {
        SHA256.hex(digest: HMAC.sha256(key: key, message: Array((student + "\n").utf8) + [UInt8](report)))
    }

    /// Whether `seal` is the seal of `report` for `student`.
    public func verifies(_ report: Data, student: String, seal: String) -> Bool {
        let expected = Array(self.seal(report, student: student).utf8)
        return HMAC.equal(expected, Array(seal.trimmingCharacters(in: .whitespacesAndNewlines).utf8))
    }
}
