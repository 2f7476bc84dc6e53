/// One frame of a crashed program's call stack, as a student reads it: a function and
/// the source line it was at.
///
/// The grader and the lab both report a crash at the student's own line, the first
/// frame (from the trap outwards) whose file is in `Sources/Exercises`; this type holds
/// that rule, so that both say it the same way.
public struct CrashFrame: Sendable, Hashable {
    /// The function, shortened for reading: `"Affine.forward"`.
    public var function: String
    /// The source file's path from `Sources/` on (`"Sources/Exercises/Affine.swift"`),
    /// or as given when it has no `Sources/` folder.
    public var file: String
    public var line: Int

    /// - Parameters:
    ///   - function: the function's name, demangled; see ``shortFunction(_:qualified:)``.
    ///   - qualified: whether `function` starts with its module (`"Exercises.Affine.forward"`).
    ///   - file: the source file's path, absolute or not.
    ///   - line: the line in it.
    public init(function: String, qualified: Bool = false, file: String, line: Int) {
        self.function = CrashFrame.shortFunction(function, qualified: qualified)
        self.file = CrashFrame.shortPath(file)
        self.line = line
    }

    /// A frame of the backtrace Swift's runtime prints on a crash, such as
    /// `2 [ra] 0x… Affine.forward(_:_:_:) + 80 in lab at /…/Sources/Exercises/Affine.swift:34:17`;
    /// `nil` for a line that is not a frame with a source location.
    public init?(backtraceLine line: Substring) {
        guard let at = line.range(of: " at /", options: .backwards) ?? line.range(of: " at ", options: .backwards),
              let address = line.range(of: " 0x") else { return nil }
        let location = line[line.index(after: at.lowerBound)...].dropFirst(3).split(separator: ":")
        guard location.count >= 2, location[0].hasSuffix(".swift"), let number = Int(location[1]) else { return nil }
        let described = line[address.upperBound..<at.lowerBound].drop { $0 != " " }.dropFirst()
        let end = described.range(of: " + ")?.lowerBound ?? described.range(of: " in ", options: .backwards)?.lowerBound
        self.init(function: String(described[..<(end ?? described.endIndex)]), file: String(location[0]), line: number)
    }

    /// `Sources/Exercises/Affine.swift:34`.
    public var location: String { "\(file):\(line)" }

    /// Whether the frame is in the student's code, `Sources/Exercises`.
    public var isStudentCode: Bool { file.hasPrefix("Sources/Exercises/") }

    /// The innermost frame of `frames` (innermost first) in the student's code.
    public static func studentFrame(in frames: [CrashFrame]) -> CrashFrame? {
        frames.first(where: \.isStudentCode)
    }

    /// `Sources/Exercises/Affine.swift` from an absolute path; the path as given when it
    /// has no `Sources/` folder.
    public static func shortPath(_ path: String) -> String {
        path.range(of: "Sources/", options: .backwards).map { String(path[$0.lowerBound...]) } ?? path
    }

    /// A function's name without its parameters and result, and without its module when
    /// `qualified`: `"Exercises.Affine.forward(TensorKit.Tensor, …) -> …"` becomes
    /// `"Affine.forward"`; a closure, a specialization or a protocol witness is named
    /// after the function it is or is in, a private function by its own name.
    public static func shortFunction(_ name: String, qualified: Bool = false) -> String {
        var name = Substring(name)
        // "protocol witness for Curriculum.ReLULayer.forward(…) in conformance Exercises.ReLU : …":
        // the conforming type's method, "Exercises.ReLU.forward(…)".
        if name.hasPrefix("protocol witness for "), let conformance = name.range(of: " in conformance ") {
            let requirement = shortFunction(String(name[..<conformance.lowerBound].dropFirst(21)))
            let type = name[conformance.upperBound...].prefix { $0 != " " }
            name = type + "." + (requirement.split(separator: ".").last ?? "")
        }
        for prefix in ["partial apply for ", "specialized ", "merged "] where name.hasPrefix(prefix) {
            name = name.dropFirst(prefix.count)
        }
        // "generic specialization <…> of X", "closure #1 (Swift.Int) -> Swift.Double in X":
        // X, after the first " of " and the last " in " outside brackets.
        if let of = topLevel(" of ", in: name).first { name = name[of...] }
        if let in_ = topLevel(" in ", in: name).last { name = name[in_...] }
        // A private function, "Exercises.ConvNet.(forward in _6183AB69…)(…)": the name in
        // the brackets.
        if let open = name.range(of: ".("), let private_ = name[open.upperBound...].range(of: " in _"),
           let close = name[private_.upperBound...].firstIndex(of: ")") {
            name = name[..<open.upperBound].dropLast() + name[open.upperBound..<private_.lowerBound]
                + name[name.index(after: close)...]
        }
        if let end = name.firstIndex(where: { $0 == "(" || $0 == " " || $0 == "<" }) { name = name[..<end] }
        if qualified, let dot = name.firstIndex(of: "."), name.index(after: dot) < name.endIndex {
            name = name[name.index(after: dot)...]
        }
        return String(name)
    }

    /// Where the text after each `separator` outside brackets starts in `text`.
    private static func topLevel(_ separator: String, in text: Substring) -> [Substring.Index] {
        var depth = 0
        var previous: Character = " "
        var found: [Substring.Index] = []
        for index in text.indices {
            switch text[index] {
            case "(", "<", "[": depth += 1
            case ">" where previous == "-": break
            case ")", ">", "]": depth = max(0, depth - 1)
            case " " where depth == 0 && text[index...].hasPrefix(separator):
                found.append(text.index(index, offsetBy: separator.count))
            default: break
            }
            previous = text[index]
        }
        return found
    }
}
