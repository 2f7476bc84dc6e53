import Foundation
import Testing
@testable import GraderKit

/// What course.json decides about a grading run: which exercises, in which order, which
/// are switched off. Graded with FaultyWorker, whose relu is correct, whose dropout is a
/// stub and whose affine traps.
@Suite("course.json shapes the grader's report", .serialized)
struct CourseOrderTests {
    /// The shipped course cut down to `names`, in that order, with `disabled` switched off.
    static func course(_ names: [String], disabled: Set<String> = []) throws -> Course {
        var course = try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName)
        course.exercises = try names.map { name in
            var entry = try #require(course.exercises.first { $0.name == name })
            entry.enabled = !disabled.contains(name)
            return entry
        }
        return course
    }

    static func grade(_ course: Course) throws -> Report {
        let worker = try #require(BuiltProducts.executable("FaultyWorker"), "FaultyWorker was not built next to the tests")
        let judge = Judge(course: course, assignments: BuiltProducts.checkout.appendingPathComponent("assignments"),
                          worker: WorkerConfiguration(executable: worker, timeout: 5))
        return judge.grade(implementation: "student")
    }

    static func points(_ entry: Course.ExerciseEntry) -> Double { entry.checks.values.reduce(0) { $0 + $1.points } }

    @Test("exercises are graded and shown in the file's order, and only those listed")
    func order() throws {
        let report = try Self.grade(Self.course(["dropout", "relu", "affine"]))
        #expect(report.exercises.map(\.name) == ["dropout", "relu", "affine"])
        // The table: the lines after the heading and its blank line, up to the next blank line.
        let table = TextReport.render(report, style: TextStyle(colors: false))
            .components(separatedBy: "\n").dropFirst(2).prefix { !$0.isEmpty }
        #expect(table.map { $0.split(separator: " ")[1] } == ["dropout", "relu", "affine"])
        #expect(TextReport.render(report, style: TextStyle(colors: false)).contains("Next: implement dropout"),
                "the next step is the first unfinished exercise in the file's order")
    }

    @Test("a disabled exercise is listed as disabled, not graded, and worth no points")
    func disabled() throws {
        let course = try Self.course(["dropout", "relu", "affine"], disabled: ["affine"])
        let report = try Self.grade(course)
        let affine = try #require(report.exercises.first { $0.name == "affine" })
        #expect(affine.status == .disabled && affine.checks.isEmpty && affine.maxPoints == 0)
        #expect(report.maxPoints == Self.points(course.exercises[0]) + Self.points(course.exercises[1]))
        let row = TextReport.render(report, style: TextStyle(colors: false)).split(separator: "\n")
            .first { $0.contains(" affine ") }
        #expect(row?.contains("disabled") == true)
    }

    @Test("disabled exercises do not stand between a student and 'every exercise passes'")
    func disabledDoNotBlock() throws {
        let report = try Self.grade(Self.course(["relu", "dropout", "affine"], disabled: ["dropout", "affine"]))
        #expect(report.exercises.first?.status == .passed)
        #expect(report.allPassed)
        #expect(TextReport.render(report, style: TextStyle(colors: false)).contains("Every exercise passes"))
    }
}
