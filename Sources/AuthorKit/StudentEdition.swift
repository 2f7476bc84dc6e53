import Foundation
import GraderKit

/// The repository students get: `grader release OUT`.
///
/// It is the author's checkout as git tracks it, minus ``StaffOnlyPath/all``: no
/// reference solutions, no mistake catalogue code, no hidden fixtures. What remains
/// builds on its own (Package.swift adds the reference's targets only where
/// `Sources/Solutions` exists), and its grader grades against the public fixtures and
/// the shipped mistake signatures.
public struct StudentEdition: Sendable {
    /// The author's checkout.
    public var root: URL
    /// The files that ship, relative to ``root``, sorted.
    public private(set) var files: [String] = []
    /// The tracked files left out, by the staff-only path that covers them.
    public private(set) var withheld: [StaffOnlyPath: [String]] = [:]
    /// Files that are neither tracked nor ignored: they do not ship until `git add`ed.
    public private(set) var untracked: [String] = []
    /// Shipped files with changes not yet committed: they ship as they are on disk.
    public private(set) var modified: [String] = []
    /// Shipped documents whose marked sections are withheld: file → its text as
    /// students get it, and the names of the sections left out.
    public private(set) var redacted: [String: WithheldSections.Redaction] = [:]

    /// Lists what the release of the git checkout `root` holds.
    /// - Parameter policy: what the course withholds beyond the staff-only paths.
    /// - Throws: ``AuthorError`` when `root` is not a git checkout or a marked section
    ///   of a document is malformed.
    public init(root: URL, policy: ReleasePolicy = ReleasePolicy()) throws {
        try self.init(root: root, tracked: GitFiles.tracked(in: root), untracked: GitFiles.untracked(in: root),
                      modified: GitFiles.modified(in: root), policy: policy)
    }

    /// Sorts out the files of `root` as git lists them (tracked files deleted from disk
    /// are skipped), and reads the marked sections of the Markdown files that ship.
    init(root: URL, tracked: [String], untracked: [String] = [], modified: [String] = [],
         policy: ReleasePolicy = ReleasePolicy()) throws {
        self.root = root
        let fm = FileManager.default
        let rules = StaffOnlyPath.all + policy.withhold.map { StaffOnlyPath($0, "withheld by the course (release.withhold in course.json)") }
        func rule(covering file: String) -> StaffOnlyPath? { rules.first { $0.covers(file) } }
        for file in tracked.sorted() where fm.fileExists(atPath: root.appendingPathComponent(file).path) {
            if let rule = rule(covering: file) {
                withheld[rule, default: []].append(file)
            } else {
                files.append(file)
            }
        }
        self.untracked = untracked.filter { rule(covering: $0) == nil }
        self.modified = modified.filter { rule(covering: $0) == nil }
        let shipping = Set(policy.ship)
        for file in files where file.hasSuffix(".md") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let redaction = try WithheldSections.redact(text, file: file, shipping: shipping)
            if redaction.text != text { redacted[file] = redaction }
        }
    }

    /// Refuses a release that would be broken for students or would ship a scaffold's
    /// placeholder: no `AUTHOR-TODO` left, and the public fixtures of every enabled
    /// exercise committed.
    /// - Throws: ``AuthorError`` saying what is missing and what to do.
    public func checkComplete(course: Course) throws {
        let unfinished = ExerciseScaffold.filesWithAuthorTODO(in: root)
        if !unfinished.isEmpty {
            throw AuthorError("""
                these files still hold the \(ExerciseScaffold.authorTODO) placeholders of `grader new-exercise`: \
                \(unfinished.joined(separator: ", ")). Write what they ask for (a placeholder reference \
                would make the fixtures expect the identity), regenerate the fixtures, commit, then release.
                """)
        }
        for entry in course.enabledExercises {
            let fixtures = "assignments/\(entry.folder)/fixtures/"
            guard files.contains(where: { $0.hasPrefix(fixtures) }) else {
                throw AuthorError("""
                    \(fixtures) has no committed fixtures, so students could not grade '\(entry.name)'. \
                    Run `swift run grader fixtures`, commit them, then release (or disable '\(entry.name)' in course.json).
                    """)
            }
        }
    }

    /// Refuses a destination that holds anything: a release never overwrites or mixes.
    public static func checkDestination(_ out: URL) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: out.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw AuthorError("\(out.path) is a file; give a new or empty folder") }
        guard try fm.contentsOfDirectory(atPath: out.path).isEmpty else {
            throw AuthorError("\(out.path) is not empty; give a new or empty folder (a release never overwrites)")
        }
    }

    /// Copies the release into `out`, which must not exist or be empty. File modes
    /// (executable scripts) are kept.
    public func write(to out: URL) throws {
        try StudentEdition.checkDestination(out)
        let fm = FileManager.default
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        for file in files {
            let target = out.appendingPathComponent(file)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let redaction = redacted[file] {
                try Data(redaction.text.utf8).write(to: target)
            } else {
                try fm.copyItem(at: root.appendingPathComponent(file), to: target)
            }
        }
    }

    /// What the release left out and what it did not see, for the author.
    public var summary: String {
        var lines = ["\(files.count) files."]
        if !withheld.isEmpty {
            lines.append("Left out (staff only: StaffOnlyPath.all in Sources/AuthorKit/StaffOnlyPath.swift, and release.withhold in course.json):")
            for rule in withheld.keys.sorted(by: { $0.path < $1.path }) {
                let files = withheld[rule]!
                lines.append("  \(TextReport.pad(rule.path, 32)) \(files.count) file\(files.count == 1 ? "" : "s") — \(rule.reason)")
            }
        }
        if !redacted.isEmpty {
            lines.append("Sections withheld (marked <!-- withhold: NAME -->; release.ship in course.json ships them):")
            for file in redacted.keys.sorted() {
                let names = redacted[file]!.withheld
                let counted = Set(names).sorted().map { name in
                    let count = names.filter { $0 == name }.count
                    return count == 1 ? name : "\(name) (\(count) sections)"
                }
                lines.append("  \(TextReport.pad(file, 44)) \(counted.joined(separator: ", "))")
            }
        }
        if !modified.isEmpty {
            lines.append("Shipped with changes not yet committed (commit first to release a known state):")
            lines.append(contentsOf: modified.prefix(20).map { "  " + $0 })
            if modified.count > 20 { lines.append("  … and \(modified.count - 20) more") }
        }
        if !untracked.isEmpty {
            lines.append("Not shipped because git does not track them (git add them to ship them):")
            lines.append(contentsOf: untracked.prefix(20).map { "  " + $0 })
            if untracked.count > 20 { lines.append("  … and \(untracked.count - 20) more") }
        }
        return lines.joined(separator: "\n")
    }
}
