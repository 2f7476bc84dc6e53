/// The header of a `.npy` file: its element type, its order and its shape.
///
/// On disk a `.npy` file is the magic string `\x93NUMPY`, two bytes of format version,
/// the header's length (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and 3.0),
/// the header — a Python dictionary literal such as
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`, padded with spaces
/// and a newline so that the data starts at a multiple of 64 bytes — then the elements.
struct NPYHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
    /// The data starts at a multiple of this many bytes, as numpy writes it.
    static let alignment = 64

    /// The header as numpy 2 writes it, preamble included: the same bytes as
    /// `numpy.save`, in version 1.0 unless the header is too long for it.
    func encoded() -> [UInt8] {
        let shapeText = shape.count == 1
            ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var text = "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
        // numpy leaves room for the first extent to grow to 21 digits, so that a file
        // can be appended to in place.
        if let first = shape.first {
            text += String(repeating: " ", count: Swift.max(0, 21 - String(first).utf8.count))
        }
        let body = Array(text.utf8)
        func padding(lengthBytes: Int) -> Int {
            Self.alignment - (Self.magic.count + 2 + lengthBytes + body.count + 1) % Self.alignment
        }
        var lengthBytes = 2
        if body.count + padding(lengthBytes: 2) + 1 > Int(UInt16.max) { lengthBytes = 4 }
        let spaces = padding(lengthBytes: lengthBytes)
        let length = body.count + spaces + 1
        var bytes = Self.magic + [lengthBytes == 2 ? 1 : 2, 0]
        for i in 0..<lengthBytes { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * i))) }
        return bytes + body + [UInt8](repeating: 0x20, count: spaces) + [0x0A]
    }

    /// Reads the preamble and header at the start of `bytes`.
    /// - Returns: the header and the offset at which the data starts.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(NPYError.Problem) -> (NPYHeader, dataOffset: Int) {
        if bytes.count < magic.count + 2 {
            if !zip(bytes, magic).allSatisfy({ $0 == $1 }) { throw .badMagic }
            throw .truncatedHeader(expected: magic.count + 2, found: bytes.count)
        }
        if !zip(bytes, magic).allSatisfy({ $0 == $1 }) { throw .badMagic }
        let major = bytes[6], minor = bytes[7]
        let lengthBytes: Int
        switch (major, minor) {
        case (1, 0): lengthBytes = 2
        case (2, 0), (3, 0): lengthBytes = 4
        default: throw .unsupportedVersion(major: major, minor: minor)
        }
        let preamble = 8 + lengthBytes
        if bytes.count < preamble { throw .truncatedHeader(expected: preamble, found: bytes.count) }
        var length = 0
        for i in 0..<lengthBytes { length |= Int(bytes[8 + i]) << (8 * i) }
        if bytes.count - preamble < length {
            throw .truncatedHeader(expected: length, found: bytes.count - preamble)
        }
        let text = bytes[preamble..<(preamble + length)]
        // Version 3.0 allows UTF-8; the keys and values we accept are ASCII either way.
        if major < 3, text.contains(where: { $0 >= 0x80 }) {
            throw .malformedHeader("non-ASCII bytes in a version \(major).0 header")
        }
        var parser = HeaderParser(text: Array(text))
        return (try parser.header(), preamble + length)
    }
}

/// Parses the Python dictionary literal of a `.npy` header: string keys, and values
/// that are strings, `True`, `False`, whole numbers or tuples and lists of these.
private struct HeaderParser {
    /// A value of the dictionary.
    enum Value: Equatable {
        case string(String), bool(Bool), integer(Int), sequence([Value])
    }

    let text: [UInt8]
    var position = 0
    /// Nesting deeper than this is refused, so no input can exhaust the stack.
    let maximumDepth = 16

    init(text: [UInt8]) { self.text = text }

    mutating func header() throws(NPYError.Problem) -> NPYHeader {
        let entries = try dictionary()
        skipSpace()
        if position != text.count { throw .malformedHeader("unexpected text after the dictionary") }
        let keys = Set(entries.map(\.key))
        let expected: Set = ["descr", "fortran_order", "shape"]
        if keys != expected || entries.count != 3 {
            throw .malformedHeader("keys are \(entries.map(\.key).sorted().joined(separator: ", ")); expected descr, fortran_order, shape")
        }
        let values = Dictionary(uniqueKeysWithValues: entries)
        guard case .string(let descr)? = values["descr"] else {
            throw .malformedHeader("'descr' is not a string (structured data types are not supported)")
        }
        guard case .bool(let fortranOrder)? = values["fortran_order"] else {
            throw .malformedHeader("'fortran_order' is not True or False")
        }
        guard case .sequence(let extents)? = values["shape"] else {
            throw .malformedHeader("'shape' is not a tuple")
        }
        var shape: [Int] = []
        for extent in extents {
            guard case .integer(let n) = extent, n >= 0 else {
                throw .malformedHeader("'shape' must hold non-negative whole numbers")
            }
            shape.append(n)
        }
        return NPYHeader(descr: descr, fortranOrder: fortranOrder, shape: shape)
    }

    private mutating func dictionary() throws(NPYError.Problem) -> [(key: String, value: Value)] {
        try expect(UInt8(ascii: "{"))
        var entries: [(key: String, value: Value)] = []
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "}") { position += 1; return entries }
            guard case .string(let key) = try value(depth: 0) else {
                throw .malformedHeader("a dictionary key is not a string")
            }
            try expect(UInt8(ascii: ":"))
            entries.append((key, try value(depth: 0)))
            skipSpace()
            if peek() == UInt8(ascii: ",") { position += 1 } else { try expect(UInt8(ascii: "}"), orComma: true); return entries }
        }
    }

    private mutating func value(depth: Int) throws(NPYError.Problem) -> Value {
        skipSpace()
        guard let c = peek() else { throw .malformedHeader("the dictionary is not closed") }
        switch c {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            position += 1
            guard let end = text[position...].firstIndex(of: c) else {
                throw .malformedHeader("a string is not closed")
            }
            defer { position = end + 1 }
            return .string(String(decoding: text[position..<end], as: UTF8.self))
        case UInt8(ascii: "("), UInt8(ascii: "["):
            if depth >= maximumDepth { throw .malformedHeader("nested too deeply") }
            let close = c == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]")
            position += 1
            var items: [Value] = []
            while true {
                skipSpace()
                if peek() == close { position += 1; return .sequence(items) }
                items.append(try value(depth: depth + 1))
                skipSpace()
                if peek() == UInt8(ascii: ",") { position += 1 } else { try expect(close, orComma: true); return .sequence(items) }
            }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = position
            while let d = peek(), d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") { position += 1 }
            guard let n = Int(String(decoding: text[start..<position], as: UTF8.self)) else {
                throw .malformedHeader("the number \(String(decoding: text[start..<position], as: UTF8.self)) is too large")
            }
            if peek() == UInt8(ascii: "L") { position += 1 }  // Python 2 wrote long integers so
            return .integer(n)
        default:
            for (word, flag) in [("True", true), ("False", false)] where hasPrefix(word) {
                position += word.utf8.count
                return .bool(flag)
            }
            throw .malformedHeader("unexpected character '\(String(decoding: [c], as: UTF8.self))' at offset \(position)")
        }
    }

    private func peek() -> UInt8? { position < text.count ? text[position] : nil }

    private func hasPrefix(_ word: String) -> Bool {
        let w = Array(word.utf8)
        return text.count - position >= w.count && Array(text[position..<(position + w.count)]) == w
    }

    private mutating func skipSpace() {
        while let c = peek(), c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D { position += 1 }
    }

    /// Consumes `c`, or throws saying what was expected (`','` too when `orComma`).
    private mutating func expect(_ c: UInt8, orComma: Bool = false) throws(NPYError.Problem) {
        skipSpace()
        if peek() == c { position += 1; return }
        let wanted = (orComma ? "',' or '" : "'") + String(decoding: [c], as: UTF8.self) + "'"
        if peek() == nil { throw .malformedHeader("the header ends where \(wanted) was expected") }
        throw .malformedHeader("expected \(wanted) at offset \(position)")
    }
}
