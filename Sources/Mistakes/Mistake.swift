import WorkerKit

/// A mistake students really make in one exercise, kept as a small implementation of
/// the exercise that makes exactly that mistake and is right everywhere else.
///
/// `grader mistakes` grades each one: the outputs it produces in the checks it fails
/// are its *signature*, which the grader ships so that it can name the mistake when a
/// student's outputs match it. The code itself never ships.
public struct Mistake: Sendable {
    /// Unique in the catalogue, the exercise's name first: `"batchnorm-unbiased-variance"`.
    public var id: String
    /// The exercise, as the grader names it: `"batchnorm"`.
    public var exercise: String
    /// What the mistake is, in a few words: "unbiased variance (divides by N − 1)".
    public var title: String
    /// What the grader tells a student whose outputs match the mistake: a question or
    /// an observation that leads to the fix without spelling it out.
    public var hint: String
    /// The exercise's calls, answered by the mistaken implementation.
    public var handlers: ExerciseHandlers

    /// - Parameters:
    ///   - id: the mistake's id; it must start with the exercise's name and a hyphen.
    ///   - handlers: the mistaken implementation's calls; its exercise is the mistake's.
    public init(_ id: String, title: String, hint: String, handlers: ExerciseHandlers) {
        self.id = id
        self.exercise = handlers.exercise
        self.title = title
        self.hint = hint
        self.handlers = handlers
    }
}
