/// Which modules a student's exercise file may import: the course's own (Curriculum,
/// TensorKit), Foundation and the C library. Every module of the staged package sits in
/// one build folder, so without this check a file could `import Solutions`, or
/// `GraderKit`, or re-export a module (`@_exported`) into the worker.
///
/// The check reads the file as the compiler would for imports: comments and string
/// literals are skipped, and every `import` keyword that is left is checked, whatever
/// its attributes (`@testable`, `@_implementationOnly`, `public`) or kind
/// (`import struct Solutions.Affine`).
public enum ImportPolicy {
    /// The modules an exercise file may import.
    public static let allowed: Set<String> = ["Curriculum", "TensorKit", "Foundation", "Glibc", "Darwin"]
    /// Attributes a file may not use at all: they change what the module exports or
    /// how an import is checked.
    public static let forbiddenAttributes = ["@_exported", "@_implementationOnly", "@_spi", "@_private", "@testable"]

    /// The policy's objections to a source file, one line each, compiler-style
    /// (`Sources/Exercises/Affine.swift:3: error: …`).
    /// - Parameters:
    ///   - source: the file's text.
    ///   - path: how the file is named in the messages.
    public static func violations(in source: String, path: String) -> [String] {
        var problems: [String] = []
        let words = tokens(codeOnly(source))
        for (word, line) in words where forbiddenAttributes.contains(word) {
            problems.append("\(path):\(line): error: \(word) is not allowed in exercise files")
        }
        let kinds: Set<String> = ["typealias", "struct", "class", "enum", "protocol", "let", "var", "func"]
        for (index, (word, line)) in words.enumerated() where word == "import" {
            guard let target = words[(index + 1)...].first(where: { !kinds.contains($0.word) }) else { continue }
            let module = String(target.word.split(separator: ".").first ?? "")
            if !allowed.contains(module) {
                problems.append("\(path):\(line): error: exercise files may import only "
                    + "Curriculum, TensorKit, Foundation and Glibc/Darwin, not \(module)")
            }
        }
        return problems
    }

    /// The words of code (identifiers with their dots and attributes with their `@`),
    /// each with its line number.
    static func tokens(_ code: String) -> [(word: String, line: Int)] {
        var result: [(word: String, line: Int)] = []
        var line = 1
        var word = ""
        for c in code {
            if c.isLetter || c.isNumber || c == "_" || c == "@" || c == "." {
                word.append(c)
                continue
            }
            if !word.isEmpty { result.append((word, line)); word = "" }
            if c.isNewline { line += 1 }
        }
        if !word.isEmpty { result.append((word, line)) }
        return result
    }

    /// The source with comments and string literals blanked out (line breaks kept, so
    /// line numbers still match): what is left is code.
    static func codeOnly(_ source: String) -> String {
        let s = Array(source.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func at(_ text: String, _ j: Int) -> Bool {
            let t = Array(text.unicodeScalars)
            return j + t.count <= s.count && Array(s[j..<j + t.count]) == t
        }
        func blank(_ c: Unicode.Scalar) { out.append(c == "\n" ? "\n" : " ") }
        while i < s.count {
            if at("//", i) {
                while i < s.count && s[i] != "\n" { i += 1 }
            } else if at("/*", i) {
                var depth = 0
                repeat {
                    if at("/*", i) { depth += 1; blank(s[i]); blank(s[i + 1]); i += 2 }
                    else if at("*/", i) { depth -= 1; blank(s[i]); blank(s[i + 1]); i += 2 }
                    else { blank(s[i]); i += 1 }
                } while depth > 0 && i < s.count
            } else if s[i] == "#" || s[i] == "\"" {
                // A string literal, raw (#"…"#) or not, single- or multi-line.
                var hashes = 0
                while i + hashes < s.count && s[i + hashes] == "#" { hashes += 1 }
                guard i + hashes < s.count, s[i + hashes] == "\"" else { out.append(s[i]); i += 1; continue }
                let pounds = String(repeating: "#", count: hashes)
                let delimiter = at("\"\"\"", i + hashes) ? "\"\"\"" : "\""
                let close = delimiter + pounds
                i += hashes + delimiter.unicodeScalars.count
                while i < s.count && !at(close, i) {
                    // An escaped quote in a string without #s does not end it.
                    if hashes == 0 && s[i] == "\\" && i + 1 < s.count { blank(s[i]); i += 1 }
                    blank(s[i]); i += 1
                }
                i += close.unicodeScalars.count
                out.append(" ")
            } else {
                out.append(s[i]); i += 1
            }
        }
        return String(out)
    }
}
