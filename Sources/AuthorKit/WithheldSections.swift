import Foundation
import GraderKit

/// Marked sections of a document that the student edition withholds (see
/// ``ReleasePolicy``): the text between `<!-- withhold: NAME -->` and
/// `<!-- end withhold -->`, each marker on a line of its own and outside code blocks.
public enum WithheldSections {
    /// What replaces a withheld section in the student edition.
    public static let note = "> *Withheld from this edition of the course: this is for you to work out. Your course staff hand it out later.*"

    /// A document with its withheld sections replaced.
    public struct Redaction: Sendable, Hashable {
        /// The text students get.
        public var text: String
        /// The names of the sections withheld, in order.
        public var withheld: [String]
    }

    /// Replaces every marked section not named in `shipping` by ``note``; the markers of
    /// shipped sections are removed and their text kept.
    /// - Parameters:
    ///   - text: the document.
    ///   - file: its path, for errors.
    ///   - shipping: the names of the sections students may have.
    /// - Throws: ``AuthorError`` for a marker without its partner or a malformed name,
    ///   naming the file and line: a release never guesses where a section ends.
    public static func redact(_ text: String, file: String, shipping: Set<String>) throws -> Redaction {
        var lines: [Substring] = []
        var withheld: [String] = []
        var open: (name: String, line: Int)?
        var inCodeBlock = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") { inCodeBlock.toggle() }
            if inCodeBlock || trimmed.hasPrefix("```") {
                // A marker shown in a code block is an example, not a marker.
                if open.map({ shipping.contains($0.name) }) ?? true { lines.append(line) }
            } else if trimmed.hasPrefix("<!-- withhold:") {
                guard open == nil else {
                    throw AuthorError("\(file):\(index + 1): a withheld section starts inside '\(open!.name)' (line \(open!.line)); close it first with <!-- end withhold -->")
                }
                let name = trimmed.dropFirst("<!-- withhold:".count).replacingOccurrences(of: "-->", with: "")
                    .trimmingCharacters(in: .whitespaces)
                guard trimmed.hasSuffix("-->"), ReleasePolicy.isSectionName(name) else {
                    throw AuthorError("\(file):\(index + 1): write a section's start as <!-- withhold: NAME -->, NAME of letters, digits and '-'")
                }
                open = (name, index + 1)
                if !shipping.contains(name) {
                    withheld.append(name)
                    lines.append(Substring(note))
                }
            } else if trimmed == "<!-- end withhold -->" {
                guard open != nil else {
                    throw AuthorError("\(file):\(index + 1): <!-- end withhold --> without a section to end")
                }
                open = nil
            } else if open.map({ shipping.contains($0.name) }) ?? true {
                lines.append(line)
            }
        }
        if let open {
            throw AuthorError("\(file):\(open.line): the withheld section '\(open.name)' is never closed with <!-- end withhold -->")
        }
        return Redaction(text: lines.joined(separator: "\n"), withheld: withheld)
    }
}
