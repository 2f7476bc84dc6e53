import WorkerKit

/// One thing the grader verifies about an exercise, worth points in `course.json`.
public struct Check: Sendable {
    /// The id under which `course.json` gives its points and threshold, e.g. `"backward"`.
    public var id: String
    /// What it verifies, in a line a student reads: "backward pass matches the reference".
    public var title: String
    /// Whether `course.json` must give it a threshold.
    public var needsThreshold: Bool
    /// How close a failing result must be to a known mistake's signature to be named
    /// as that mistake (relative error). Statistics measured on random draws need more
    /// room than exact outputs.
    public var diagnosisTolerance: Double
    /// Runs the check. Throws ``WorkerFailure`` when the student's code did not answer.
    public var run: @Sendable (CheckContext) throws -> CheckOutcome

    public init(id: String, title: String, needsThreshold: Bool = true, diagnosisTolerance: Double = 1e-6,
                run: @escaping @Sendable (CheckContext) throws -> CheckOutcome) {
        self.id = id
        self.title = title
        self.needsThreshold = needsThreshold
        self.diagnosisTolerance = diagnosisTolerance
        self.run = run
    }
}

/// The checks of one exercise, with the fixture cases they read.
public struct ExerciseChecks: Sendable {
    /// The exercise's name, e.g. `"affine"`.
    public var name: String
    /// A title for tables, e.g. `"Affine layer"`.
    public var title: String
    /// The file a student edits, e.g. `"Sources/Exercises/Affine.swift"`.
    public var stubFile: String
    /// The fixture cases, by name: how `grader fixtures` makes their inputs.
    public var fixtureRecipes: [FixtureRecipe]
    public var checks: [Check]
}

/// What a check found.
public enum CheckOutcome: Sendable {
    case passed(Comparison?)
    case failed(CheckFailure)
}

/// Why a check failed, in terms a student can act on.
public struct CheckFailure: Sendable, Hashable, Codable {
    /// What went wrong: "dx differs from the reference".
    public var message: String
    /// The numbers behind it, when two tensors were compared.
    public var comparison: Comparison?
    /// A one-line hint that teaches without giving the answer.
    public var hint: String?
    /// How the output differs, when that has a simple structure (a constant factor, a
    /// transpose, …): see ``DifferenceDescription``.
    public var difference: String?

    public init(message: String, comparison: Comparison? = nil, hint: String? = nil, difference: String? = nil) {
        self.message = message
        self.comparison = comparison
        self.hint = hint
        self.difference = difference
    }
}
