import CommandLineKit
import Foundation

/// `assignments/course.json`: which exercises a course grades, in which order, and for
/// each check its points and threshold. Thresholds live here, not in code, so a course
/// can tune them without touching the grader.
public struct Course: Sendable, Hashable, Codable {
    public var title: String
    public var exercises: [ExerciseEntry]
    /// What the student edition withholds beyond the staff-only paths; absent, every
    /// marked section of every document (see ``ReleasePolicy``).
    public var release: ReleasePolicy?

    /// One exercise of the course.
    public struct ExerciseEntry: Sendable, Hashable, Codable {
        /// The exercise's name, e.g. `"batchnorm"`.
        public var name: String
        /// Its folder under `assignments/`, e.g. `"06-batchnorm"`.
        public var folder: String
        /// Disabled exercises are listed but not graded.
        public var enabled: Bool
        /// Points and thresholds by check id.
        public var checks: [String: CheckEntry]
    }

    /// The points and threshold of one check.
    public struct CheckEntry: Sendable, Hashable, Codable {
        public var points: Double
        /// The largest relative error (or statistical deviation) that passes; `nil` for
        /// checks that compare nothing numeric.
        public var threshold: Double?
    }

    /// The enabled exercises, in course order.
    public var enabledExercises: [ExerciseEntry] { exercises.filter(\.enabled) }

    /// Reads and validates a course file against the exercises the grader knows.
    /// - Throws: ``CourseError`` naming the file and the offending field.
    public static func load(from url: URL, catalog: [String: ExerciseChecks]) throws -> Course {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CourseError(file: url.path, problem: "cannot be read: \(error.localizedDescription)")
        }
        let course: Course
        do { course = try JSONDecoder().decode(Course.self, from: data) } catch let error as DecodingError {
            throw CourseError(file: url.path, problem: describe(error))
        }
        try course.validate(file: url.path, catalog: catalog)
        return course
    }

    /// The most one check may be worth. Points are summed, formatted and exported to
    /// Gradescope; a bound keeps every total an exact, printable number.
    public static let maximumPoints = 1000.0

    /// The names an exercise folder may have: one plain name under `assignments/`
    /// (`06-batchnorm`), so that no course file can point the grader outside it.
    static func isPlainFolderName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    func validate(file: String, catalog: [String: ExerciseChecks]) throws {
        try release?.validate(file: file)
        var seen = Set<String>(), folders = Set<String>()
        for (i, exercise) in exercises.enumerated() {
            let field = "exercises[\(i)]"
            guard Course.isPlainFolderName(exercise.folder) else {
                throw CourseError(file: file, problem: "\(field).folder: '\(exercise.folder)' must be one plain folder name inside assignments/ (letters, digits, '-', '_', '.'; not starting with '.')")
            }
            guard folders.insert(exercise.folder).inserted else {
                throw CourseError(file: file, problem: "\(field).folder: '\(exercise.folder)' is used by two exercises")
            }
            guard let checks = catalog[exercise.name] else {
                let known = catalog.keys.sorted()
                let suggestion = closestName(to: exercise.name, among: known).map { "; did you mean '\($0)'?" } ?? ""
                throw CourseError(file: file, problem: "\(field).name: no exercise '\(exercise.name)'\(suggestion) (known: \(known.joined(separator: ", ")))")
            }
            guard seen.insert(exercise.name).inserted else {
                throw CourseError(file: file, problem: "\(field).name: '\(exercise.name)' is listed twice")
            }
            let known = Set(checks.checks.map(\.id))
            for id in exercise.checks.keys.sorted() where !known.contains(id) {
                throw CourseError(file: file, problem: "\(field).checks.\(id): '\(exercise.name)' has no check '\(id)' (it has: \(checks.checks.map(\.id).joined(separator: ", ")))")
            }
            for check in checks.checks {
                guard let entry = exercise.checks[check.id] else {
                    throw CourseError(file: file, problem: "\(field).checks: missing check '\(check.id)' of '\(exercise.name)'")
                }
                guard entry.points.isFinite, entry.points >= 0, entry.points <= Course.maximumPoints else {
                    throw CourseError(file: file, problem: "\(field).checks.\(check.id).points: \(entry.points) is not a number from 0 to \(Int(Course.maximumPoints))")
                }
                if check.needsThreshold && entry.threshold == nil {
                    throw CourseError(file: file, problem: "\(field).checks.\(check.id).threshold: missing")
                }
                if let threshold = entry.threshold, !(threshold.isFinite && threshold >= 0) {
                    throw CourseError(file: file, problem: "\(field).checks.\(check.id).threshold: \(threshold) is not a finite number ≥ 0 (0 asks for exact equality)")
                }
            }
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingPrefix(".").description
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context)
            return (at.isEmpty ? "" : at + ": ") + "missing field '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context).isEmpty ? "top level" : path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return (path(context).isEmpty ? "" : path(context) + ": ") + "not valid JSON (\(context.underlyingError.map { "\($0)" } ?? context.debugDescription))"
        @unknown default:
            return "\(error)"
        }
    }
}

/// A course file that cannot be used, with the field that is wrong.
public struct CourseError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var problem: String
    public var description: String { "\(file): \(problem)" }
}
