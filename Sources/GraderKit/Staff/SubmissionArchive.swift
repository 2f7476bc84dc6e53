import Foundation

/// Unpacks a submission's .zip with `/usr/bin/unzip`, after reading its table of
/// contents and refusing any archive that could write outside the folder it is
/// unpacked into or fill the disk: absolute paths, `..` components, symbolic links,
/// too many entries, or too many bytes.
public enum SubmissionArchive {
    /// The largest archive, and the most bytes it may unpack to.
    public static let archiveSizeLimit = 64 << 20
    public static let unpackedSizeLimit = 256 << 20
    public static let entryLimit = 20_000
    static let unzip = URL(fileURLWithPath: "/usr/bin/unzip")

    /// Unpacks `archive` into `folder` (created if needed).
    /// - Throws: ``SubmissionError`` saying why the archive was refused.
    public static func unpack(_ archive: URL, into folder: URL) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: archive.path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= archiveSizeLimit else {
            throw SubmissionError("the archive is \(size >> 20) MiB; the limit is \(archiveSizeLimit >> 20) MiB")
        }
        try check(try entries(of: archive))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // prlimit caps every file unzip writes, in case an entry inflates to more than
        // its header says; -o never asks before overwriting, -P never asks for a password.
        var command = [unzip.path, "-qq", "-o", "-P", "", archive.path, "-d", folder.path]
        let prlimit = "/usr/bin/prlimit"
        if FileManager.default.isExecutableFile(atPath: prlimit) {
            command = [prlimit, "--fsize=\(unpackedSizeLimit)", "--"] + command
        }
        let outcome = try ProcessRunner(executable: URL(fileURLWithPath: command[0]), arguments: Array(command.dropFirst()),
                                        timeLimit: 60, outputLimit: 64 << 10).run()
        if outcome.timedOut { throw SubmissionError("unpacking took longer than 60 s") }
        // Status 1 is a warning (say, a wrong password for one entry); more is an error.
        guard outcome.status <= 1 else {
            throw SubmissionError("unzip failed (status \(outcome.status)): \(outcome.output.prefix(500))")
        }
    }

    /// One entry of the archive's table of contents.
    struct Entry {
        var path: String
        var isSymbolicLink: Bool
        var size: Int
    }

    /// The table of contents: names from `unzip -Z1`, types and sizes from `unzip -Zs`
    /// (its lines are in the same order, between two header lines and a total).
    static func entries(of archive: URL) throws -> [Entry] {
        func listing(_ flag: String) throws -> [String] {
            let outcome = try ProcessRunner(executable: unzip, arguments: ["-Z" + flag, archive.path],
                                            timeLimit: 30, outputLimit: 16 << 20).run()
            guard !outcome.timedOut, outcome.status == 0 else {
                throw SubmissionError("not a readable .zip archive (\(outcome.output.split(separator: "\n").last ?? "unzip failed"))")
            }
            return outcome.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                .filter { !$0.isEmpty }
        }
        let names = try listing("1")
        let long = try listing("s")
        let rows = Array(long.dropFirst(2).dropLast())
        guard rows.count == names.count else {
            throw SubmissionError("the archive's table of contents cannot be read unambiguously (a name with a line break?)")
        }
        return zip(names, rows).map { name, row in
            let fields = row.split(separator: " ", omittingEmptySubsequences: true)
            return Entry(path: name, isSymbolicLink: row.hasPrefix("l"),
                         size: fields.count > 3 ? Int(fields[3]) ?? Int.max : Int.max)
        }
    }

    /// Refuses a table of contents that is not safe to unpack.
    static func check(_ entries: [Entry]) throws {
        guard entries.count <= entryLimit else {
            throw SubmissionError("the archive has \(entries.count) entries; the limit is \(entryLimit)")
        }
        var total = 0
        for entry in entries {
            let path = entry.path
            let driveLetter = path.first?.isLetter == true && path.dropFirst().first == ":"
            if path.hasPrefix("/") || path.hasPrefix("\\") || driveLetter {
                throw SubmissionError("the archive holds an absolute path: \(path)")
            }
            let components = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
            if components.contains("..") {
                throw SubmissionError("the archive holds a path leading out of its folder: \(path)")
            }
            if path.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                throw SubmissionError("the archive holds a name with control characters")
            }
            if entry.isSymbolicLink {
                throw SubmissionError("the archive holds a symbolic link: \(path)")
            }
            total = total.addingReportingOverflow(entry.size).overflow ? Int.max : total + entry.size
            guard total <= unpackedSizeLimit else {
                throw SubmissionError("the archive unpacks to more than \(unpackedSizeLimit >> 20) MiB")
            }
        }
    }
}

/// A submission the grader refuses to read, with why.
public struct SubmissionError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
