/// Marks a function a student has not written yet.
///
/// Every stub in `Sources/Exercises` calls this. It stops the program with a message
/// naming the exercise and the function, which the grader recognizes and reports as
/// "not started" rather than as a crash.
/// - Parameters:
///   - exercise: the exercise's name, as in `swift run grader list` (e.g. `"affine"`).
///   - function: filled in by the compiler with the calling function's name.
public func TODO(_ exercise: String, function: StaticString = #function) -> Never {
    fatalError("\(TODOMarker.prefix) \(exercise): \(function) is not implemented yet")
}

/// The text a ``TODO(_:function:)`` stop begins with; the grader looks for it.
public enum TODOMarker {
    public static let prefix = "TODO(BackpropLab)"
}
