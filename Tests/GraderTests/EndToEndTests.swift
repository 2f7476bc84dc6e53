#if AUTHOR_EDITION
import Foundation
import GraderKit
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The built `grader` executable, run as a student and as staff run it. Needs the
/// products built next to the tests (`swift build` does that; so does `swift test`).
@Suite("The grader end to end", .serialized)
struct EndToEndTests {
    static func grader(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let grader = try #require(BuiltProducts.executable("grader"), "grader was not built next to the tests")
        return try BuiltProducts.run(grader, ["--no-build", "--no-color"] + arguments)
    }

    @Test("on the shipped stubs every exercise is 'not started', exit 1, and the next step is named")
    func stubsAreNotStarted() throws {
        let (status, output, _) = try Self.grader([])
        #expect(status == 1)
        let course = try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName)
        for name in course.enabledExercises.map(\.name) {
            let row = output.split(separator: "\n").first { $0.contains(" \(name) ") }
            #expect(row?.contains("· \(name)") == true && row?.contains("not started") == true, "\(name): \(row ?? "no row")")
        }
        #expect(output.contains("Next: implement affine in Sources/Exercises/Affine.swift"))
        #expect(!output.contains("crashed"))
    }

    @Test("the reference passes every check of every exercise, and is never diagnosed as a mistake")
    func referencePassesEverything() throws {
        let (status, output, error) = try Self.grader(["--impl", "solutions", "--json"])
        #expect(status == 0, "\(error)")
        let report = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let exercises = try #require(report?["exercises"] as? [[String: Any]])
        let course = try Course.load(from: CourseTests.shipped, catalog: Judge.catalogByName)
        #expect(exercises.map { $0["name"] as? String } == course.enabledExercises.map(\.name))
        for exercise in exercises {
            for check in exercise["checks"] as? [[String: Any]] ?? [] {
                #expect(check["status"] as? String == "passed", "\(exercise["name"] ?? "?")/\(check["id"] ?? "?"): \(check)")
                #expect(check["diagnosis"] == nil)
                #expect((check["seconds"] as? Double).map { $0 >= 0 && $0 < 60 } == true, "how long it took: \(check)")
            }
        }
    }

    @Test("--junit writes JUnit XML and --gradescope a results.json with Gradescope's fields")
    func machineReports() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let junit = directory.appendingPathComponent("junit.xml"), results = directory.appendingPathComponent("results.json")
        let (status, _, _) = try Self.grader(["check", "relu", "affine", "--junit", junit.path, "--gradescope", results.path])
        #expect(status == 1)

        let parser = XMLParser(data: try Data(contentsOf: junit))
        let counter = ElementCounter()
        parser.delegate = counter
        #expect(parser.parse(), "JUnit output is not well-formed XML")
        #expect(counter.counts["testsuite"] == 2)
        #expect(counter.counts["testcase"] == 6)
        #expect(counter.counts["timed testcase"] == 6, "each test case says how long its check took")
        #expect(counter.counts["skipped"] == 6)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: results)) as? [String: Any])
        #expect(json["score"] as? Double == 0)
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.count == 6)
        for test in tests {
            #expect(test["name"] is String && test["score"] is Double && test["max_score"] is Double)
            #expect(test["status"] as? String == "failed")
            #expect((test["output"] as? String)?.contains("not started") == true)
        }
    }

    @Test("an unknown exercise gets a suggestion and exit status 2")
    func unknownExercise() throws {
        let (status, _, error) = try Self.grader(["check", "batchnrom"])
        #expect(status == 2)
        #expect(error.contains("no exercise 'batchnrom'; did you mean 'batchnorm'?"))
    }
}

final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        if name == "testcase", attributes["time"].flatMap(Double.init) != nil { counts["timed testcase", default: 0] += 1 }
    }
}
#endif
