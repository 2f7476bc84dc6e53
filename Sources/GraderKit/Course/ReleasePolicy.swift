import Foundation

/// `release` in `assignments/course.json`: what `grader release` keeps from students
/// beyond the staff-only paths (the reference, the mistake catalogue, hidden sets).
///
/// By default every marked section of every document is withheld: an author marks the
/// results students are asked to derive, or the answers to a handout's questions, with
///
/// ```
/// <!-- withhold: derivation-results -->
/// … the text students must not get yet …
/// <!-- end withhold -->
/// ```
///
/// and lists in ``ship`` the names of the sections students may have (say, after the
/// deadline). ``withhold`` leaves out whole files or folders.
public struct ReleasePolicy: Sendable, Hashable, Codable {
    /// Files or folders, relative to the checkout, that the release leaves out.
    public var withhold: [String]
    /// Names of marked sections the release keeps; every other marked section is
    /// replaced by a note.
    public var ship: [String]

    public init(withhold: [String] = [], ship: [String] = []) {
        self.withhold = withhold
        self.ship = ship
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        withhold = try container.decodeIfPresent([String].self, forKey: .withhold) ?? []
        ship = try container.decodeIfPresent([String].self, forKey: .ship) ?? []
    }

    /// Whether `name` can name a withheld section: letters, digits and `-`.
    public static func isSectionName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
    }

    /// Checks that every path stays inside the checkout and every name is a plain one.
    /// - Throws: ``CourseError`` naming the field.
    func validate(file: String) throws {
        for (i, path) in withhold.enumerated() {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw CourseError(file: file, problem: "release.withhold[\(i)]: '\(path)' must be a path inside the checkout, like docs/derivations.md")
            }
        }
        for (i, name) in ship.enumerated() where !Self.isSectionName(name) {
            throw CourseError(file: file, problem: "release.ship[\(i)]: '\(name)' is not a section name (letters, digits and '-')")
        }
    }
}
