/// A file or folder of the author's checkout that the student edition leaves out.
public struct StaffOnlyPath: Sendable, Hashable {
    /// Relative to the checkout; covers the file or folder it names and everything under it.
    public var path: String
    /// Why students must not get it, for the release's summary.
    public var reason: String

    public init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    /// Whether `file` (relative to the checkout) is this path or lies under it.
    public func covers(_ file: String) -> Bool {
        file == path || file.hasPrefix(path + "/")
    }
}

extension StaffOnlyPath {
    /// Everything only the course's staff get: the one list `grader release` reads.
    ///
    /// Keep every entry whose folder Package.swift builds (Sources/…, Tests/…) behind its
    /// `hasSolutions` condition there, or the student edition will not build;
    /// `scripts/test-release.sh` checks that it does. docs/author-guide.md explains the list.
    public static let all: [StaffOnlyPath] = [
        StaffOnlyPath("Sources/Solutions", "the reference implementations"),
        StaffOnlyPath("Sources/GraderWorkerSolutions", "the worker that serves the reference"),
        StaffOnlyPath("Sources/Mistakes", "the code of the mistake catalogue (its signatures ship)"),
        StaffOnlyPath("Sources/GraderWorkerMistakes", "the worker that serves the mistake catalogue"),
        StaffOnlyPath("Tests/SolutionsTests", "tests of the reference implementations"),
        StaffOnlyPath("Tests/MistakesTests", "tests of the mistake catalogue"),
        StaffOnlyPath("scripts/reference", "scripts that compute expected values, i.e. solutions in Python"),
        StaffOnlyPath(HiddenFixtures.defaultFolder, "hidden fixture sets (`grader fixtures --hidden`)"),
    ]

    /// The entry of ``all`` that covers `file`, if any.
    public static func covering(_ file: String) -> StaffOnlyPath? {
        all.first { $0.covers(file) }
    }
}
