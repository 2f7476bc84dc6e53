import Foundation

// Printing tensors the way NumPy prints arrays (its default print options), so that
// what a student sees while debugging looks like what the course's notebooks show:
//
//     print(x)              [[ 0.1        -2.        ]
//                            [ 3.33333333  4.        ]]
//     debugPrint(x)         Tensor(shape: (2, 2), [[ 0.1       , -2.        ],
//                                                  [ 3.33333333,  4.        ]])
//
// Every element gets the shortest digits that identify it, at most 8 after the point;
// all elements share one width; large and tiny magnitudes switch the whole tensor to
// scientific notation; rows wrap at 75 characters; and a tensor of more than 1000
// elements shows only the first and last 3 entries of each axis, with `...` between.

extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// The elements in nested brackets, as NumPy's `str(array)` shows them.
    public var description: String {
        if rank == 0 { return "\(scalars[0])" }
        return formatted(prefix: "", suffix: "", separator: " ")
    }

    /// The shape and the elements, as NumPy's `repr(array)` shows them:
    /// `Tensor(shape: (2, 3), [[…]])`.
    public var debugDescription: String {
        let prefix = "Tensor(shape: \(formatShape(shape)), "
        if rank == 0 { return prefix + "\(scalars[0]))" }
        return prefix + formatted(prefix: prefix, suffix: ")", separator: ", ") + ")"
    }

    /// NumPy's `array2string`: `prefix` is the text before the opening bracket (later
    /// lines are indented by its width), `suffix` the text after the closing one.
    private func formatted(prefix: String, suffix: String, separator: String) -> String {
        if count == 0 { return "[]" }
        let lineWidth = 75 - suffix.count
        let summarize = count > 1000
        let edgeItems = 3
        // The indices shown along each axis: all of them, or the edges of a long axis.
        let shown: [[Int]] = shape.map { n in
            summarize && n > 2 * edgeItems ? Array(0..<edgeItems) + Array((n - edgeItems)..<n) : Array(0..<n)
        }
        var strides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * shape[axis + 1] }

        // Only the elements shown decide the format, as in NumPy.
        var visible: [Double] = []
        func collect(_ axis: Int, _ offset: Int) {
            if axis == rank { visible.append(scalars[offset]); return }
            for i in shown[axis] { collect(axis + 1, offset + i * strides[axis]) }
        }
        collect(0, 0)
        let format = ElementFormat(visible)

        func render(_ axis: Int, _ offset: Int, _ indent: String, _ width: Int) -> String {
            let n = shape[axis]
            let elided = summarize && n > 2 * edgeItems
            let indices = shown[axis]
            let nextIndent = indent + " "
            var s = ""
            if axis == rank - 1 {
                // The last axis: words on lines that wrap before `width`, leaving room
                // for a separator or closing bracket.
                let elementWidth = width - Swift.max(separator.trimmingCharacters(in: .whitespaces).count, 1)
                var line = indent
                func extend(_ word: String) {
                    // Wrap before a word that would cross the limit, unless the line is
                    // still empty (wrapping would not help).
                    if line.count + word.count > elementWidth && line.count > indent.count {
                        while line.last == " " { line.removeLast() }
                        s += line + "\n"
                        line = indent
                    }
                    line += word
                }
                for (k, i) in indices.enumerated() {
                    if elided && k == edgeItems { extend("..."); line += separator }
                    extend(format.string(scalars[offset + i * strides[axis]]))
                    if k < indices.count - 1 { line += separator }
                }
                s += line
            } else {
                // Outer axes: one nested block per entry, blank lines between blocks of
                // blocks, as NumPy separates them.
                let lineSeparator = separator.trimmingCharacters(in: .whitespaces)
                    + String(repeating: "\n", count: rank - axis - 1)
                for (k, i) in indices.enumerated() {
                    if elided && k == edgeItems { s += indent + "..." + lineSeparator }
                    s += indent + render(axis + 1, offset + i * strides[axis], nextIndent, width - 1)
                    if k < indices.count - 1 { s += lineSeparator }
                }
            }
            return "[" + s.dropFirst(indent.count) + "]"
        }
        return render(0, 0, String(repeating: " ", count: prefix.count + 1), lineWidth)
    }
}

/// How every element of one tensor is written: positional or scientific, with the
/// padding that lines the decimal points up. NumPy's `FloatingFormat` with its
/// defaults (`precision=8`, `floatmode='maxprec'`, `suppress=False`).
private struct ElementFormat {
    static let precision = 8
    var scientific = false
    /// Characters before the decimal point (sign included), after it, and of the
    /// exponent's digits.
    var padLeft = 0, padRight = 0, exponentDigits = 0

    init(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        let magnitudes = finite.map(Swift.abs).filter { $0 != 0 }
        if let largest = magnitudes.max(), let smallest = magnitudes.min() {
            scientific = largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1e3
        }
        if scientific {
            let parts = finite.map { Self.scientificParts($0, digits: Self.precision) }
            padLeft = parts.map(\.whole.count).max() ?? 0
            padRight = parts.map(\.fraction.count).max() ?? 0
            exponentDigits = parts.map(\.exponent.count).max() ?? 0
        } else {
            let parts = finite.map { Self.positionalParts($0) }
            padLeft = parts.map(\.whole.count).max() ?? 0
            padRight = parts.map(\.fraction.count).max() ?? 0
        }
        if finite.count != values.count {
            // Room for "nan", "inf" and "-inf" in the same width.
            let afterPoint = (scientific ? padRight + exponentDigits + 2 : padRight) + 1
            let negativeInfinity = values.contains(-.infinity) ? 1 : 0
            padLeft = Swift.max(padLeft, 3 - afterPoint, 3 + negativeInfinity - afterPoint)
        }
    }

    func string(_ x: Double) -> String {
        if !x.isFinite {
            let word = x.isNaN ? "nan" : x < 0 ? "-inf" : "inf"
            let width = padLeft + padRight + 1 + (scientific ? exponentDigits + 2 : 0)
            return String(repeating: " ", count: Swift.max(0, width - word.count)) + word
        }
        if scientific {
            let p = Self.scientificParts(x, digits: Self.precision)
            let fraction = p.fraction + String(repeating: "0", count: padRight - p.fraction.count)
            let exponent = String(repeating: "0", count: exponentDigits - p.exponent.count) + p.exponent
            return pad(p.whole) + "." + fraction + "e" + p.exponentSign + exponent
        }
        let p = Self.positionalParts(x)
        return pad(p.whole) + "." + p.fraction + String(repeating: " ", count: padRight - p.fraction.count)
    }

    private func pad(_ whole: String) -> String {
        String(repeating: " ", count: Swift.max(0, padLeft - whole.count)) + whole
    }

    /// The shortest digits that identify `x` (as Swift prints it) and the position of
    /// the decimal point: `x = ±0.d₁d₂… × 10^point`. Zero has no digits.
    private static func shortestDigits(_ x: Double) -> (digits: [Character], point: Int) {
        let text = Swift.abs(x).description
        let parts = text.split(separator: "e")
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(mantissa[0]) + (mantissa.count > 1 ? Array(mantissa[1]) : [])
        var point = mantissa[0].count + exponent
        while digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.last == "0" { digits.removeLast() }
        return (digits, digits.isEmpty ? 1 : point)
    }

    /// `x` written positionally with the shortest digits that identify it, or rounded
    /// to `precision` digits after the point when those are more: (sign and whole
    /// part, fraction without trailing zeros).
    private static func positionalParts(_ x: Double) -> (whole: String, fraction: String) {
        let sign = x.sign == .minus ? "-" : ""
        let (digits, point) = shortestDigits(x)
        if digits.count - point > precision {
            let rounded = String(format: "%.\(precision)f", Swift.abs(x)).split(separator: ".")
            var fraction = String(rounded[1])
            while fraction.last == "0" { fraction.removeLast() }
            return (sign + rounded[0], fraction)
        }
        let whole = point <= 0 ? "0" : String(digits.prefix(point)) + String(repeating: "0", count: Swift.max(0, point - digits.count))
        let fraction = point >= digits.count ? "" : String(repeating: "0", count: Swift.max(0, -point)) + String(digits.dropFirst(Swift.max(0, point)))
        return (sign + whole, fraction)
    }

    /// `x` in scientific notation with the shortest identifying digits, at most
    /// `digits` after the point: (sign and leading digit, fraction, exponent sign,
    /// exponent of at least two digits).
    private static func scientificParts(_ x: Double, digits limit: Int) -> (whole: String, fraction: String, exponentSign: String, exponent: String) {
        let sign = x.sign == .minus ? "-" : ""
        var (digits, point) = shortestDigits(x)
        if digits.isEmpty { return (sign + "0", "", "+", "00") }
        if digits.count - 1 > limit {
            // Round the exact value (not the shortest digits) to `limit` places.
            let text = String(format: "%.\(limit)e", Swift.abs(x))
            let parts = text.split(separator: "e")
            digits = Array(parts[0].replacingOccurrences(of: ".", with: ""))
            point = (Int(parts[1]) ?? 0) + 1
            while digits.last == "0" { digits.removeLast() }
        }
        let exponent = point - 1
        let magnitude = String(Swift.abs(exponent))
        return (sign + String(digits[0]), String(digits.dropFirst()),
                exponent < 0 ? "-" : "+", String(repeating: "0", count: Swift.max(0, 2 - magnitude.count)) + magnitude)
    }
}
