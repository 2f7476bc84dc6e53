import Foundation
import GraderKit

/// Unpacks a submission's .zip with `/usr/bin/unzip`, after reading its table of
/// contents and refusing any archive that could write outside the folder it is
/// unpacked into, fill the disk, or mean two things: absolute paths, `..` components,
/// symbolic links, duplicate entries, too many entries, or too many bytes.
///
/// Only the entries a submission is graded on are unpacked (``unpack(_:into:wanting:)``
/// says which), one at a time through a pipe whose bytes are counted: an entry is cut
/// at ``entrySizeLimit`` and the archive refused past ``unpackedSizeLimit``, whatever
/// its headers claim. Every other entry is made an empty file, so the submission still
/// lists it as ignored.
public enum SubmissionArchive {
    /// The largest archive, and the most bytes it may unpack to.
    public static let archiveSizeLimit = 64 << 20
    public static let unpackedSizeLimit = 256 << 20
    public static let entryLimit = 20_000
    /// The most bytes read of one entry: one more than a submission reads of a file,
    /// so a larger one is seen as larger (and ignored).
    public static let entrySizeLimit = Submission.fileSizeLimit + 1
    static let unzip = URL(fileURLWithPath: "/usr/bin/unzip")

    /// Unpacks `archive` into `folder` (created if needed).
    /// - Parameters:
    ///   - wanting: whether an entry (its path in the archive) is unpacked; the others
    ///     are made empty files.
    /// - Throws: ``SubmissionError`` saying why the archive was refused.
    public static func unpack(_ archive: URL, into folder: URL, wanting: (String) -> Bool = { _ in true }) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: archive.path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= archiveSizeLimit else {
            throw SubmissionError("the archive is \(size >> 20) MiB; the limit is \(archiveSizeLimit >> 20) MiB")
        }
        let entries = try entries(of: archive)
        try check(entries)
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        var total = 0
        for entry in entries {
            let components = entry.path.split(separator: "/").map(String.init)
            guard !components.isEmpty else { continue }
            let destination = components.reduce(folder) { $0.appendingPathComponent($1) }
            if entry.path.hasSuffix("/") {
                try fm.createDirectory(at: destination, withIntermediateDirectories: true)
                continue
            }
            try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            var data = Data()
            if wanting(entry.path) {
                data = try extract(entry.path, from: archive, limit: min(entrySizeLimit, unpackedSizeLimit - total + 1))
                total += data.count
                guard total <= unpackedSizeLimit else {
                    throw SubmissionError("the archive unpacks to more than \(unpackedSizeLimit >> 20) MiB")
                }
            }
            try data.write(to: destination)
        }
    }

    /// One entry's bytes, at most `limit` of them, whatever its header says.
    static func extract(_ path: String, from archive: URL, limit: Int) throws -> Data {
        // unzip reads names as patterns: brackets make the wildcards literal.
        var pattern = ""
        for c in path { pattern += "[*?".contains(c) ? "[\(c)]" : String(c) }
        let outcome = try ProcessRunner(executable: unzip, arguments: ["-p", "-P", "", archive.path, pattern],
                                        timeLimit: 60, outputLimit: limit, mergeErrors: false,
                                        stopAtOutputLimit: true).run()
        if outcome.timedOut { throw SubmissionError("unpacking \(SafeText.inline(path)) took longer than 60 s") }
        guard outcome.overflowed || outcome.status <= 1 else {
            throw SubmissionError("unzip cannot unpack \(SafeText.inline(path)) (status \(outcome.status))")
        }
        return outcome.data
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
        var seen: [String: Int] = [:]
        for entry in entries {
            // Two entries of one name unpack to one file: the grader and a person
            // unpacking it by hand could read different ones.
            let name = entry.path.hasSuffix("/") ? String(entry.path.dropLast()) : entry.path
            seen[name, default: 0] += 1
            if seen[name] == 2 {
                throw SubmissionError("the archive holds more than one entry named \(SafeText.inline(name))")
            }
            let path = entry.path
            let driveLetter = path.first?.isLetter == true && path.dropFirst().first == ":"
            if path.hasPrefix("/") || path.hasPrefix("\\") || driveLetter {
                throw SubmissionError("the archive holds an absolute path: \(SafeText.inline(path))")
            }
            let components = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
            if components.contains("..") {
                throw SubmissionError("the archive holds a path leading out of its folder: \(SafeText.inline(path))")
            }
            if path.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                throw SubmissionError("the archive holds a name with control characters")
            }
            if entry.isSymbolicLink {
                throw SubmissionError("the archive holds a symbolic link: \(SafeText.inline(path))")
            }
            total = total.addingReportingOverflow(entry.size).overflow ? Int.max : total + entry.size
            guard total <= unpackedSizeLimit else {
                throw SubmissionError("the archive unpacks to more than \(unpackedSizeLimit >> 20) MiB")
            }
        }
    }
}
