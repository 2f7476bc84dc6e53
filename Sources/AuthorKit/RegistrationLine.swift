/// Lines that register a new exercise in one list of the checkout: an associated type
/// of `CourseImplementation`, a conformance's `typealias`, a dispatch or catalogue entry,
/// a table row.
///
/// The list is found by the line that opens it (``opening``); the lines go above the
/// first line after it that is only ``closing``, indented as the list's entries, so the
/// new exercise comes last, in the course's order. No Swift is parsed beyond that.
struct RegistrationLine {
    /// The file, relative to the checkout.
    var path: String
    /// Text of the line that opens the list: `"public protocol CourseImplementation"`.
    var opening: String
    /// The whole line (spaces aside) that closes the list: `"}"`, `"]"`, or `""` for a
    /// Markdown table, which ends at its first line that is not a row.
    var closing: String
    /// The lines to add, without indentation.
    var lines: [String]

    /// `text` with ``lines`` added, or `nil` when it has no such list.
    func inserting(in text: String) -> String? {
        var all = text.components(separatedBy: "\n")
        guard let start = all.firstIndex(where: { $0.contains(opening) }) else { return nil }
        var end = start + 1
        while end < all.count, !isClosing(all[end]) { end += 1 }
        guard end < all.count || closing.isEmpty else { return nil }
        let indentation = closing.isEmpty ? "" : String(all[end].prefix { $0 == " " }) + "    "
        all.insert(contentsOf: lines.map { indentation + $0 }, at: end)
        return all.joined(separator: "\n")
    }

    private func isClosing(_ line: String) -> Bool {
        closing.isEmpty ? !line.hasPrefix("|") : line.trimmingCharacters(in: .whitespaces) == closing
    }
}
