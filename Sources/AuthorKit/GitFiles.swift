import Foundation
import GraderKit

/// The files of a git checkout, as `git ls-files` lists them.
enum GitFiles {
    /// The files git tracks in `root`, relative to it.
    static func tracked(in root: URL) throws -> [String] {
        try listFiles(in: root, [])
    }

    /// The files in `root` that git neither tracks nor ignores (new files not yet added).
    static func untracked(in root: URL) throws -> [String] {
        try listFiles(in: root, ["--others", "--exclude-standard"])
    }

    /// The tracked files in `root` whose working copy differs from the index.
    static func modified(in root: URL) throws -> [String] {
        try listFiles(in: root, ["--modified"])
    }

    /// Runs `git ls-files -z` with `options` in `root`.
    private static func listFiles(in root: URL, _ options: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "ls-files", "-z"] + options
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        do { try process.run() } catch {
            throw AuthorError("cannot run git (\(error.localizedDescription)); `grader release` copies the files git tracks, so it needs git")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AuthorError("`git ls-files` failed in \(root.path): \(message.trimmingCharacters(in: .whitespacesAndNewlines)); the release is made from a git checkout of the course")
        }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }
}
