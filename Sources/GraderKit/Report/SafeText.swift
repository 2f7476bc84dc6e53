/// Text that came from a submission (what its code printed, its answers, its file
/// names, compiler errors quoting it), made safe to show to a person: every character
/// that could change how the rest of a terminal or page looks is written as an escape
/// (`\u{1B}`), so a student cannot paint fake text into a TA's terminal or reorder a
/// report with bidirectional overrides. Escaped are the control characters (C0 and
/// C1, so ANSI escape sequences too), the bidirectional marks, embeddings, overrides
/// and isolates, the zero-width characters, and the line and paragraph separators.
public enum SafeText {
    /// Several lines: line breaks and tabs are kept.
    public static func block(_ text: String) -> String { escape(text, keepingLines: true) }

    /// One line: line breaks and tabs are escaped too.
    public static func inline(_ text: String) -> String { escape(text, keepingLines: false) }

    /// Whether a character is one ``SafeText`` escapes (line breaks and tabs aside).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x08, 0x0B...0x1F, 0x7F...0x9F: true            // control characters, ESC included
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidirectional
        case 0x200B...0x200D, 0x2060...0x2064, 0xFEFF, 0x180E, 0x034F: true  // zero-width, invisible
        case 0x2028, 0x2029: true                                     // line and paragraph separators
        default: false
        }
    }

    static func escape(_ text: String, keepingLines: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if keepingLines && (scalar == "\n" || scalar == "\t") {
                out.append(scalar)
            } else if scalar == "\n" || scalar == "\t" || scalar == "\r" || isUnsafe(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
