/// An author's command (`release`, `new-exercise`, `fixtures`) that cannot go on, with
/// what to do about it.
public struct AuthorError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
