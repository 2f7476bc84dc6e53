import Foundation
import Testing
@testable import GraderKit

@Suite("assignments/course.json")
struct CourseTests {
    /// The checkout's course file.
    static let shipped = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assignments/course.json")

    @Test("the shipped course names every exercise, each check with points and a threshold")
    func shippedCourseIsValid() throws {
        let course = try Course.load(from: Self.shipped, catalog: Judge.catalogByName)
        #expect(course.exercises.map(\.name) == Judge.catalog.map(\.name))
    }

    @Test("errors name the file and the field", arguments: [
        (#"{"title": "t", "exercises": [{"name": "batchnrom", "folder": "x", "enabled": true, "checks": {}}]}"#,
         "exercises[0].name: no exercise 'batchnrom'; did you mean 'batchnorm'?"),
        (#"{"title": "t", "exercises": [{"name": "relu", "folder": "x", "enabled": true, "checks": {}}]}"#,
         "exercises[0].checks: missing check 'forward' of 'relu'"),
        (#"{"title": "t", "exercises": [{"name": "relu", "folder": "x", "enabled": true, "checks": {"fwd": {"points": 1}}}]}"#,
         "exercises[0].checks.fwd: 'relu' has no check 'fwd'"),
        (#"{"title": "t", "exercises": [{"name": "relu", "folder": "x", "checks": {}}]}"#,
         "missing field 'enabled'"),
        (#"{"title": "t", "exercises": [}"#, "not valid JSON"),
    ])
    func malformedCourses(json: String, message: String) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("course-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect { try Course.load(from: url, catalog: Judge.catalogByName) } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(url.path) && text.contains(message)
        }
    }
}
