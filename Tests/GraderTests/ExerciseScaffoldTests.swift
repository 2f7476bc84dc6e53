import Foundation
import Testing
@testable import GraderKit

/// `grader new-exercise` on a small copy of the checkout: the shipped course.json, the
/// student's worker table and Judge.swift, plus a reference table and a TensorKit type.
/// That the scaffold compiles and grades is scripts/test-new-exercise.sh's part.
@Suite("grader new-exercise")
struct ExerciseScaffoldTests {
    let checkout = TemporaryCheckout()
    static let referenceTable = """
        import Solutions
        import WorkerKit

        WorkerMain.run(DispatchTable([
            .relu(ReLU()),
            // new-exercise: dispatch
        ]))

        """

    init() throws {
        for path in ["assignments/course.json", "Sources/GraderWorker/main.swift", "Sources/GraderKit/Judge/Judge.swift"] {
            try checkout.copy(path)
        }
        try checkout.write("Sources/GraderWorkerSolutions/main.swift", Self.referenceTable)
        try checkout.write("Sources/Solutions/ReLU.swift", "public struct ReLU {}\n")
        try checkout.write("Sources/TensorKit/Tensor.swift", "public struct Tensor {}\n")
    }

    /// The copy's course.json as it is now (not validated: after a scaffold it names an
    /// exercise this grader was built without).
    var course: Course {
        get throws { try JSONDecoder().decode(Course.self, from: Data(checkout.read("assignments/course.json").utf8)) }
    }

    func scaffold(_ name: String, type: String? = nil) throws -> ExerciseScaffold {
        try ExerciseScaffold(ExerciseName(name, typeName: type), root: checkout.root, course: course)
    }

    @Test("writes every file of the anatomy, numbered after the last handout")
    func writesTheAnatomy() throws {
        defer { checkout.remove() }
        let (created, edited) = try scaffold("sigmoid").apply()
        #expect(created == [
            "Sources/Curriculum/Sigmoid.swift", "Sources/Exercises/Sigmoid.swift", "Sources/Solutions/Sigmoid.swift",
            "Sources/GraderKit/Checks/SigmoidChecks.swift", "Sources/WorkerKit/Handlers/SigmoidHandlers.swift",
            "assignments/11-sigmoid/README.md", "assignments/11-sigmoid/answers.md",
        ])
        #expect(Set(edited) == ["Sources/GraderWorker/main.swift", "Sources/GraderWorkerSolutions/main.swift",
                                "Sources/GraderKit/Judge/Judge.swift", "assignments/course.json"])
        for path in created { #expect(checkout.exists(path), "\(path)") }

        #expect(try checkout.read("Sources/Curriculum/Sigmoid.swift").contains("public protocol SigmoidLayer: Sendable"))
        let stub = try checkout.read("Sources/Exercises/Sigmoid.swift")
        #expect(stub.contains("public struct Sigmoid: SigmoidLayer"))
        #expect(stub.components(separatedBy: #"TODO("sigmoid")"#).count == 3, "both functions call TODO(\"sigmoid\")")
        let reference = try checkout.read("Sources/Solutions/Sigmoid.swift")
        #expect(reference.contains("PLACEHOLDER, NOT THE REFERENCE") && reference.contains(ExerciseScaffold.authorTODO))
        let checks = try checkout.read("Sources/GraderKit/Checks/SigmoidChecks.swift")
        #expect(checks.contains("public static let sigmoid = ExerciseChecks("))
        #expect(checks.contains(#"forward: "sigmoid.forward""#))
        #expect(try checkout.read("Sources/WorkerKit/Handlers/SigmoidHandlers.swift")
            .contains("public static func sigmoid(_ layer: some SigmoidLayer) -> ExerciseHandlers"))
        let handout = try checkout.read("assignments/11-sigmoid/README.md")
        #expect(handout.hasPrefix("# 11 · Sigmoid\n"))
        for section in ["## Why this layer", "## The forward pass", "## The backward pass", "## What to implement",
                        "## How to check it", "## Common pitfalls", "## Questions"] {
            #expect(handout.contains("\n\(section)\n"), "the handout lacks \(section)")
        }
    }

    @Test("registers the exercise above each marker, and the marker stays for the next one")
    func registers() throws {
        defer { checkout.remove() }
        try scaffold("sigmoid").apply()
        for table in ["Sources/GraderWorker/main.swift", "Sources/GraderWorkerSolutions/main.swift"] {
            #expect(try checkout.read(table).contains("    .sigmoid(Sigmoid()),\n    // new-exercise: dispatch\n"), "\(table)")
        }
        #expect(try checkout.read("Sources/GraderKit/Judge/Judge.swift").contains("        .sigmoid,\n        // new-exercise: catalog\n"))

        try ExerciseScaffold(ExerciseName("leaky-relu", typeName: "LeakyReLU"), root: checkout.root, course: course).apply()
        #expect(try checkout.read("Sources/GraderWorker/main.swift")
            .contains("    .sigmoid(Sigmoid()),\n    .leakyReLU(LeakyReLU()),\n    // new-exercise: dispatch\n"))
        #expect(checkout.exists("assignments/12-leaky-relu/README.md"))
    }

    @Test("adds the course.json entry last, with the checks' ids, leaving the other entries as they were")
    func addsTheCourseEntry() throws {
        defer { checkout.remove() }
        let before = try course
        let text = try checkout.read("assignments/course.json")
        try scaffold("sigmoid").apply()
        let after = try JSONDecoder().decode(Course.self, from: Data(checkout.read("assignments/course.json").utf8))
        #expect(Array(after.exercises.dropLast()) == before.exercises)
        let untouched = String(text.prefix { $0 != "]" }).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try checkout.read("assignments/course.json").hasPrefix(untouched), "the text before the new entry is unchanged")
        let entry = try #require(after.exercises.last)
        #expect(entry.name == "sigmoid" && entry.folder == "11-sigmoid" && entry.enabled)
        let checks = try checkout.read("Sources/GraderKit/Checks/SigmoidChecks.swift")
        #expect(entry.checks.keys.sorted() == ["backward", "forward", "gradient"])
        for id in entry.checks.keys { #expect(checks.contains("(\"\(id)\", "), "the checks file has no check '\(id)'") }
        #expect(entry.checks.values.allSatisfy { $0.points > 0 && $0.threshold == 1e-8 })
    }

    @Test("refuses a name, type, member or file that exists, and writes nothing", arguments: [
        ("relu", nil, "an exercise 'relu' exists already (assignments/02-relu)"),
        ("tensor", nil, "the type name 'Tensor' is taken (Sources/TensorKit/Tensor.swift)"),
        ("rectifier", "ReLU", "Sources/Solutions/ReLU.swift exists already"),
    ] as [(String, String?, String)])
    func refusesTakenNames(name: String, type: String?, message: String) throws {
        defer { checkout.remove() }
        let course = try checkout.read("assignments/course.json")
        #expect { try scaffold(name, type: type).apply() } throws: { "\($0)".contains(message) }
        #expect(try checkout.read("assignments/course.json") == course)
    }

    @Test("without its marker a table is not guessed at: the error says where the marker goes, nothing is written")
    func missingMarker() throws {
        defer { checkout.remove() }
        let table = try checkout.read("Sources/GraderWorker/main.swift")
        try checkout.write("Sources/GraderWorker/main.swift", table.replacingOccurrences(of: ExerciseScaffold.dispatchMarker, with: ""))
        #expect { try scaffold("sigmoid").apply() } throws: { error in
            "\(error)".contains("Sources/GraderWorker/main.swift has no line '// new-exercise: dispatch'")
        }
        #expect(!checkout.exists("Sources/Exercises/Sigmoid.swift"))
        #expect(!checkout.exists("assignments/11-sigmoid"))
        #expect(try !checkout.read("Sources/GraderWorkerSolutions/main.swift").contains("Sigmoid"))
    }

    @Test("leaves AUTHOR-TODO in the files only the author can write, and they are found")
    func marksWhatTheAuthorWrites() throws {
        defer { checkout.remove() }
        try scaffold("sigmoid").apply()
        #expect(ExerciseScaffold.filesWithAuthorTODO(in: checkout.root) == [
            "Sources/Curriculum/Sigmoid.swift", "Sources/Exercises/Sigmoid.swift", "Sources/Solutions/Sigmoid.swift",
            "Sources/GraderKit/Checks/SigmoidChecks.swift", "assignments/11-sigmoid/README.md",
            "assignments/11-sigmoid/answers.md",
        ])
        #expect(ExerciseScaffold.filesWithAuthorTODO(in: checkout.root, under: ["Sources/Solutions"]) == ["Sources/Solutions/Sigmoid.swift"])
    }
}

@Suite("Adding an entry to course.json as text")
struct CourseFileEntryTests {
    @Test("goes into the top-level exercises array, not a nested one or a string that looks like it")
    func findsTheArray() throws {
        let text = #"{"note": "exercises: [ \" ]", "meta": {"exercises": []}, "exercises": [{"name": "a"}], "tail": [1]}"#
        let result = try CourseFileEntry.appending(#"{"name": "b"}"#, to: text, file: "course.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.utf8)) as? [String: Any])
        #expect((json["exercises"] as? [[String: String]])?.map { $0["name"] } == ["a", "b"])
        #expect((json["meta"] as? [String: [Int]])?["exercises"]?.isEmpty == true)
        #expect(json["note"] as? String == #"exercises: [ " ]"#)
    }

    @Test("fills an empty array without a leading comma")
    func emptyArray() throws {
        let result = try CourseFileEntry.appending(#"{"name": "b"}"#, to: #"{"title": "t", "exercises": [ ]}"#, file: "course.json")
        let json = try JSONSerialization.jsonObject(with: Data(result.utf8)) as? [String: Any]
        #expect((json?["exercises"] as? [[String: String]])?.count == 1)
    }

    @Test("a file without the array is an error naming it")
    func noArray() {
        #expect { try CourseFileEntry.appending("{}", to: #"{"title": "t"}"#, file: "x/course.json") } throws: { error in
            "\(error)".hasPrefix("x/course.json: found no top-level \"exercises\"")
        }
    }
}
