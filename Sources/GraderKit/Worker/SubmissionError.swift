/// A submission the grader refuses to read, or a program it could not run to read one
/// (``ProcessRunner``), with why.
public struct SubmissionError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
