/// Marks a function a student has not written yet.
///
/// Every stub in `Sources/Exercises` calls this. It stops the program with a message
/// naming the exercise and the function. In a grader worker it first reports the stop
/// to the judge on the reply descriptor (see ``TODOMarker``), which the grader reports
/// as "not started" rather than as a crash.
/// - Parameters:
///   - exercise: the exercise's name, as in `swift run grader list` (e.g. `"affine"`).
///   - function: filled in by the compiler with the calling function's name.
public func TODO(_ exercise: String, function: StaticString = #function) -> Never {
    TODOMarker.report?(exercise, "\(function)")
    fatalError("\(TODOMarker.prefix) \(exercise): \(function) is not implemented yet")
}

/// How a ``TODO(_:function:)`` stop is told apart from a crash.
///
/// Not from standard error, which student code can write anything to: in a grader
/// worker, `TODO` writes a report on the reply descriptor before it stops, in place of
/// the reply frame the judge is waiting for. The report is ``frameTag`` (a length no
/// reply frame has), a 4-byte little-endian length, then `exercise`, a newline and
/// `function` in UTF-8.
public enum TODOMarker {
    /// The text a ``TODO(_:function:)`` stop's message begins with.
    public static let prefix = "TODO(BackpropLab)"
    /// The 4 bytes a report starts with, where a reply frame has its length.
    public static let frameTag: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
    /// The longest report text a judge accepts.
    public static let maximumLength = 4096

    /// Sends the report of a stop in `exercise`'s `function`: set by the worker's main
    /// loop to write it on the reply descriptor and exit; `nil` outside a worker (the
    /// lab, tests), where `TODO` only stops.
    nonisolated(unsafe) public static var report: ((_ exercise: String, _ function: String) -> Void)?

    /// The report for a stub of `exercise` named `function`.
    public static func encode(exercise: String, function: String) -> [UInt8] {
        let text = Array((exercise + "\n" + function).utf8.prefix(maximumLength))
        let length = UInt32(text.count)
        return frameTag + (0..<4).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + text
    }

    /// The exercise and function of a report's text; `nil` if it is not one.
    public static func decode(_ text: [UInt8]) -> (exercise: String, function: String)? {
        let parts = String(decoding: text, as: UTF8.self).split(separator: "\n", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
