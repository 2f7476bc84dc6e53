import Foundation
import GraderKit

/// Adds an exercise to `assignments/course.json` as text, so that the rest of the file —
/// its order of checks, its formatting, anything an author wrote — stays as it was.
enum CourseFileEntry {
    /// The entry of a new layer exercise with the standard three checks, indented to sit
    /// in the `exercises` array.
    static func layer(name: String, folder: String) -> String {
        """
            {
              "name": "\(name)",
              "folder": "\(folder)",
              "enabled": true,
              "checks": {
                "forward": {
                  "points": 1,
                  "threshold": 1e-08
                },
                "backward": {
                  "points": 2,
                  "threshold": 1e-08
                },
                "gradient": {
                  "points": 2,
                  "threshold": 1e-08
                }
              }
            }
        """
    }

    /// `text` with `entry` appended to the top-level `exercises` array.
    /// - Throws: ``AuthorError`` when the file has no such array or the result is not JSON.
    static func appending(_ entry: String, to text: String, file: String) throws -> String {
        guard let end = closingBracketOfExercises(in: Array(text.utf8)) else {
            throw AuthorError("\(file): found no top-level \"exercises\": [ … ] to add the exercise to")
        }
        var bytes = Array(text.utf8)
        var last = end - 1
        while last >= 0, [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains(bytes[last]) {
            last -= 1
        }
        let isEmpty = bytes[last] == UInt8(ascii: "[")
        bytes.replaceSubrange((last + 1)..<end, with: Array(((isEmpty ? "\n" : ",\n") + entry + "\n  ").utf8))
        let result = String(decoding: bytes, as: UTF8.self)
        guard (try? JSONSerialization.jsonObject(with: Data(result.utf8))) != nil else {
            throw AuthorError("\(file): adding the exercise would not leave valid JSON; add it by hand (see docs/author-guide.md)")
        }
        return result
    }

    /// The offset of the `]` that closes the array under the top-level key `exercises`.
    /// Reads JSON's strings, escapes and nesting; nothing else of its grammar.
    static func closingBracketOfExercises(in bytes: [UInt8]) -> Int? {
        var depth = 0, inString = false, escaped = false
        var stringStart = 0, lastString = "", key: String?
        var arrayDepth: Int?
        for (i, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    lastString = String(decoding: bytes[(stringStart + 1)..<i], as: UTF8.self)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                stringStart = i
            case UInt8(ascii: ":") where depth == 1:
                key = lastString
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if byte == UInt8(ascii: "["), depth == 2, key == "exercises" { arrayDepth = depth }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if byte == UInt8(ascii: "]"), depth == arrayDepth { return i }
                depth -= 1
            default:
                break
            }
        }
        return nil
    }
}
