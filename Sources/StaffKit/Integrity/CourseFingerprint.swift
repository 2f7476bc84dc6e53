import Foundation
import GraderKit

/// The SHA-256 of every file grading depends on, taken when grading starts and
/// compared before each submission's build: the stage's copy of the course (its
/// Package.swift, course.json, and every source and test file but the student's
/// `Sources/Exercises`), and in the checkout, `assignments/course.json` with every
/// exercise's fixtures and mistake signatures, and the hidden sets.
///
/// A stage that changed is restored from the checkout (the report says so); a
/// checkout or hidden set that changed stops the grading, since what it should hold is
/// no longer known.
public struct CourseFingerprint: Sendable, Equatable {
    /// `stage/<path>`, `checkout/<path>` or `hidden <n>/<path>` → SHA-256, hexadecimal.
    public var hashes: [String: String]

    /// Fingerprints the stage, the checkout's assignments and the hidden sets.
    public static func take(of staging: StagingArea, hidden: [URL]) throws -> CourseFingerprint {
        var hashes: [String: String] = [:]
        func add(_ base: URL, _ paths: [String], as prefix: String) throws {
            for path in paths {
                hashes[prefix + path] = SHA256.hex(try Data(contentsOf: base.appendingPathComponent(path)))
            }
        }
        let stage = staging.root
        try add(stage, ["Package.swift", "assignments/course.json"], as: "stage/")
        try add(stage, try staging.files(under: stage, "Sources").filter { !$0.hasPrefix("Sources/Exercises/") }, as: "stage/")
        try add(stage, try staging.files(under: stage, "Tests"), as: "stage/")
        let checkout = staging.course.root
        try add(checkout, ["assignments/course.json"], as: "checkout/")
        try add(checkout, try staging.files(under: checkout, "assignments").filter {
            $0.contains("/fixtures/") || $0.contains("/mistakes/")
        }, as: "checkout/")
        for (index, set) in hidden.enumerated() {
            let base = set.deletingLastPathComponent()
            try add(base, try staging.files(under: base, set.lastPathComponent), as: "hidden \(index + 1)/")
        }
        return CourseFingerprint(hashes: hashes)
    }

    /// The files added, removed or changed since `earlier`, sorted.
    public func changes(since earlier: CourseFingerprint) -> [String] {
        Set(hashes.keys).union(earlier.hashes.keys).filter { hashes[$0] != earlier.hashes[$0] }.sorted()
    }
}
