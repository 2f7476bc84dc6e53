import TensorKit

/// How one check ended.
public enum CheckStatus: String, Sendable, Hashable, Codable {
    case passed
    case failed
    case notStarted = "not-started"
    case crashed
    case timedOut = "timed-out"
    /// The grader itself could not run the check (a missing fixture, a broken worker).
    case error
}

/// One check's result, with its points.
public struct CheckResult: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var status: CheckStatus
    public var points: Double
    public var maxPoints: Double
    /// When the check failed: what, by how much, and a hint.
    public var failure: CheckFailure?
    /// When it passed: the closest comparison, for the curious.
    public var measured: Comparison?
    /// When the worker did not answer: why (a crash message, the unfinished function).
    public var problem: String?
    /// When the failure matches a known mistake: which one.
    public var diagnosis: Diagnosis?
    /// When graded on several fixture sets (staff grading): the set it did not pass on.
    public var fixtureSet: String?
    /// How long the check took, in wall-clock seconds to the millisecond, on every
    /// fixture set it ran on (`nil` when it was not run): where a grading's time goes.
    public var seconds: Double?
    /// What the code under test produced in this check (not part of the reports).
    public var observations: [String: Tensor] = [:]

    private enum CodingKeys: String, CodingKey {
        case id, title, status, points, maxPoints, failure, measured, problem, diagnosis, fixtureSet, seconds
    }

    public init(id: String, title: String, status: CheckStatus, points: Double, maxPoints: Double,
                failure: CheckFailure? = nil, measured: Comparison? = nil, problem: String? = nil,
                diagnosis: Diagnosis? = nil, fixtureSet: String? = nil, observations: [String: Tensor] = [:]) {
        self.id = id
        self.title = title
        self.status = status
        self.points = points
        self.maxPoints = maxPoints
        self.failure = failure
        self.measured = measured
        self.problem = problem
        self.diagnosis = diagnosis
        self.fixtureSet = fixtureSet
        self.observations = observations
    }
}

/// A known mistake a failure matches.
public struct Diagnosis: Sendable, Hashable, Codable {
    /// The mistake's id, e.g. `"batchnorm-unbiased-variance"`.
    public var mistake: String
    /// What the mistake is, in a line.
    public var title: String
    /// A hint that teaches without giving the line of code.
    public var hint: String
}

/// How an exercise stands as a whole.
public enum ExerciseStatus: String, Sendable, Hashable, Codable {
    case passed
    case failed
    case notStarted = "not-started"
    case crashed
    case disabled

    /// ✓ passed, ✗ failed, · not started, ! crashed or timed out.
    public var symbol: String {
        switch self {
        case .passed: "✓"
        case .failed: "✗"
        case .notStarted, .disabled: "·"
        case .crashed: "!"
        }
    }
}

/// One exercise's results.
public struct ExerciseResult: Sendable, Hashable, Codable {
    public var name: String
    public var title: String
    public var stubFile: String
    public var handout: String
    public var status: ExerciseStatus
    public var checks: [CheckResult]

    public init(name: String, title: String, stubFile: String, handout: String, status: ExerciseStatus,
                checks: [CheckResult]) {
        self.name = name
        self.title = title
        self.stubFile = stubFile
        self.handout = handout
        self.status = status
        self.checks = checks
    }

    public var points: Double { checks.reduce(0) { $0 + $1.points } }
    public var maxPoints: Double { checks.reduce(0) { $0 + $1.maxPoints } }

    /// The exercise's status from its checks' statuses.
    static func status(of checks: [CheckResult]) -> ExerciseStatus {
        if checks.allSatisfy({ $0.status == .passed }) { return .passed }
        if checks.contains(where: { $0.status == .crashed || $0.status == .timedOut || $0.status == .error }) { return .crashed }
        if checks.allSatisfy({ $0.status == .notStarted }) { return .notStarted }
        return .failed
    }
}

/// Everything one grading run found.
public struct Report: Sendable, Hashable, Codable {
    /// `"student"` or `"solutions"`.
    public var implementation: String
    /// The seed of the fresh random inputs, so the run can be reproduced.
    public var seed: UInt64
    public var exercises: [ExerciseResult]
    /// What the student's code printed to standard output (truncated).
    public var output: String
    /// The protections that were in force around the student's code (`nil` when no
    /// worker ran).
    public var sandbox: SandboxReport? = nil

    public init(implementation: String, seed: UInt64, exercises: [ExerciseResult], output: String,
                sandbox: SandboxReport? = nil) {
        self.implementation = implementation
        self.seed = seed
        self.exercises = exercises
        self.output = output
        self.sandbox = sandbox
    }

    public var points: Double { exercises.reduce(0) { $0 + $1.points } }
    public var maxPoints: Double { exercises.reduce(0) { $0 + $1.maxPoints } }
    public var allPassed: Bool { exercises.allSatisfy { $0.status == .passed || $0.status == .disabled } }
}
